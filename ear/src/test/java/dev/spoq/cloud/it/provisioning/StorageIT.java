package dev.spoq.cloud.it.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.Subscriber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storage is enforced: each computer's home is a filesystem of its own size (the IT server runs with
 * spoq.container.storage=128m, ear/pom.xml). A write past it fails inside with "No space left on device", the
 * node's disk holds no more than the limit, another computer writes on; the files and the limit survive the
 * service's removal and re-creation, and a grown disk keeps them.
 */
@ExtendWith(ComputerCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageIT {

    private static final long LIMIT = 128L << 20;
    private static final long GROWN = 3L << 30;
    private static final ApiClient api = new ApiClient();
    private static Subscriber full;
    private static Subscriber other;

    @BeforeAll
    static void twoComputers() {
        full = Subscriber.claim(api, "st");
        other = Subscriber.claim(api, "st");
        full.awaitRunning().awaitLogin(Duration.ofSeconds(30));
        other.awaitRunning().awaitLogin(Duration.ofSeconds(30));
    }

    @Test
    @Order(1)
    void aWritePastTheLimitFailsWithNoSpaceLeftOnDevice() {
        Proc.Result fallocate = as(full, "fallocate -l 1G ~/f; echo exit=$?");
        assertTrue(fallocate.output().contains("No space left on device") && fallocate.stdout().contains("exit=1"),
                fallocate::toString);
        Proc.Result dd = as(full, "dd if=/dev/zero of=$HOME/fill bs=1M count=400 2>&1; echo exit=$?; sync");
        assertTrue(dd.stdout().contains("No space left on device") && !dd.stdout().contains("exit=0"), dd::toString);

        long onNode = Long.parseLong(Proc.run(Duration.ofSeconds(10), "sh", "-c",
                "echo $(( $(stat -c '%b * %B' " + Docker.diskImage(full.subdomain()) + ") ))").assertOk().stdout().strip());
        System.out.printf("[StorageIT] the full computer's disk takes %d bytes on the node (limit %d)%n", onNode, LIMIT);
        assertTrue(onNode <= LIMIT, "the node holds " + onNode + " bytes for a computer limited to " + LIMIT);
    }

    @Test
    @Order(2)
    void anotherComputerWritesOn() {
        Proc.Result write = as(other, "fallocate -l 32M ~/fine && dd if=/dev/zero of=$HOME/more bs=1M count=16 2>/dev/null && echo written");
        assertEquals("written", write.stdout().strip(), write::toString);
    }

    @Test
    @Order(3)
    void theDashboardShowsTheRealUsageOfTheRealLimit() {
        JsonNode usage = await("resource usage of " + full.subdomain()).atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> full.state().path("resource_usage"), u -> u.path("storage_limit_bytes").asLong() > 0);
        long used = usage.path("storage_bytes").asLong();
        long limit = usage.path("storage_limit_bytes").asLong();
        System.out.printf("[StorageIT] usage of the full computer: %d of %d bytes%n", used, limit);
        assertTrue(limit > LIMIT * 8 / 10 && limit <= LIMIT, "the disk's own size, about 128 MiB: " + limit);
        assertTrue(used > limit * 9 / 10, "a full disk shows as full: " + used + " of " + limit);
    }

    @Test
    @Order(4)
    void filesAndLimitSurviveTheServiceBeingRemovedAndRecreated() {
        as(full, "rm -f ~/fill ~/f; echo kept > ~/marker").assertOk();
        String before = Docker.runningContainerOf(full.service()).orElseThrow();
        assertTrue(Docker.removeService(full.service()), "removed " + full.service());

        await("the platform re-creates " + full.service()).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Docker.runningContainerOf(full.service()).filter(id -> !id.equals(before)).isPresent());
        String after = full.direct().awaitLogin(full.identity(), full.username(), "cat ~/marker; df -B1 --output=size ~ | tail -1",
                Duration.ofSeconds(60));
        assertEquals("kept", after.lines().findFirst().orElse(""), after);
        long size = Long.parseLong(after.lines().skip(1).findFirst().orElse("0").strip());
        assertTrue(size > LIMIT * 8 / 10 && size <= LIMIT, "still the limit after re-creation: " + size);
    }

    /**
     * An operator grows a disk (a bigger plan): the node's helper grows the image, the files stay. To past 2 GiB, like
     * every real plan: the helper's size arithmetic once printed such sizes as "1.07374e+10" and never grew them.
     */
    @Test
    @Order(5)
    void growingTheDiskKeepsTheFiles() {
        String containerId = full.containerId();
        full.ops().suspend(containerId).expect(200);
        await("the computer stopped").atMost(Duration.ofSeconds(60)).until(() -> Docker.runningContainerOf(full.service()).isEmpty());
        await("its container gone").atMost(Duration.ofSeconds(30)).until(() -> Docker.run("ps", "-aq", "--filter",
                "label=com.docker.swarm.service.name=" + full.service()).stdout().isBlank());

        Proc.run(Duration.ofSeconds(60), "/usr/local/sbin/spoq-home-disk", "ensure", full.subdomain(),
                Long.toString(GROWN)).assertOk();
        full.ops().resume(containerId).expect(200);
        full.awaitRunning(Duration.ofSeconds(90));

        String after = full.direct().awaitLogin(full.identity(), full.username(), "cat ~/marker; df -B1 --output=size ~ | tail -1",
                Duration.ofSeconds(60));
        assertEquals("kept", after.lines().findFirst().orElse(""), after);
        long size = Long.parseLong(after.lines().skip(1).findFirst().orElse("0").strip());
        assertTrue(size > (2L << 30), "grown past 2 GiB (to " + GROWN + " bytes less the filesystem's own): " + size);
        Proc.Result write = as(full, "fallocate -l 150M ~/bigger && echo written");
        assertEquals("written", write.stdout().strip(), write::toString);
        assertFalse(write.output().contains("No space"), write::toString);
    }

    private static Proc.Result as(Subscriber computer, String command) {
        return computer.direct().ssh(computer.identity(), computer.username(), command);
    }
}
