package dev.spoq.cloud.it.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A claim becomes a real computer on the Swarm: a service with the limits, labels, home volume and restart
 * policy; sshd that lets each profile in as its own Linux user with its device keys (and stops letting a
 * removed device in); a home and host key that outlive the service. One computer, walked through in order.
 */
@ExtendWith(ComputerCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisioningIT {

    private static final Duration ACCOUNT_SYNC = Duration.ofSeconds(10);

    private static final ApiClient api = new ApiClient();
    private static Subscriber computer;

    @BeforeAll
    static void claimAComputer() {
        computer = Subscriber.claim(api, "p");
    }

    @Test
    @Order(1)
    void theClaimedComputerIsRunningWithinAMinute() {
        long started = System.nanoTime();

        computer.awaitRunning();

        JsonNode state = computer.state();
        assertEquals("running", state.path("status").asText(), state.toString());
        assertEquals("127.0.0.1", state.path("node").asText(), state.toString());
        assertTrue(state.path("ssh_port").asInt() >= 20000, state.toString());
        System.out.printf("[ProvisioningIT] %s running %.1f s after the device was added; POST /api/setup/profile right"
                + " after the claim took %d ms%n", computer.subdomain(), (System.nanoTime() - started) / 1e9, computer.profileMillis());
    }

    @Test
    @Order(2)
    void theServiceHasTheLimitsLabelsHomeVolumeAndRestartPolicy() {
        JsonNode spec = Docker.inspectService(computer.service()).orElseThrow(() -> new AssertionError("no service " + computer.service()))
                .path("Spec");
        JsonNode task = spec.path("TaskTemplate");
        JsonNode limits = task.path("Resources").path("Limits");

        assertEquals(1_000_000_000L, limits.path("NanoCPUs").asLong(), "1 CPU: " + limits);
        assertEquals(2_147_483_648L, limits.path("MemoryBytes").asLong(), "2 GiB: " + limits);
        assertEquals(512, limits.path("Pids").asLong(), "pids limit: " + limits);
        assertEquals(computer.account().userId(), spec.path("Labels").path("spoq.user").asText(), spec.path("Labels").toString());
        assertEquals(computer.subdomain(), spec.path("Labels").path("spoq.subdomain").asText(), spec.path("Labels").toString());
        assertEquals("any", task.path("RestartPolicy").path("Condition").asText(), task.path("RestartPolicy").toString());

        List<JsonNode> homes = new ArrayList<>();
        task.path("ContainerSpec").path("Mounts").forEach(mount -> {
            if ("/home".equals(mount.path("Target").asText())) {
                homes.add(mount);
            }
        });
        assertEquals(1, homes.size(), "one mount at /home: " + task.path("ContainerSpec").path("Mounts"));
        assertEquals("volume", homes.get(0).path("Type").asText(), homes.get(0).toString());
        assertEquals(computer.volume(), homes.get(0).path("Source").asText(), homes.get(0).toString());
        assertTrue(Docker.volumeExists(computer.volume()), "the named volume exists: " + computer.volume());
    }

    @Test
    @Order(3)
    void theDeviceKeyLogsInAsTheProfileUserOnAHostNamedAfterTheSubdomain() {
        computer.awaitRunning();

        String out = computer.direct().awaitLogin(computer.identity(), computer.username(), "id -un; hostname", ACCOUNT_SYNC);

        assertEquals(computer.username() + "\n" + computer.subdomain(), out);
    }

    @Test
    @Order(4)
    void aSecondProfileWithASecondKeyLogsInAsItsOwnUserWithinTenSeconds() {
        computer.awaitRunning();
        String second = Unique.username();
        String secondProfile = computer.account().createProfile(second);
        SshIdentity secondKey = SshIdentity.generate();

        computer.account().addDevice(secondProfile, secondKey.key());

        assertEquals(second + "\n" + computer.subdomain(),
                computer.direct().awaitLogin(secondKey, second, "id -un; hostname", ACCOUNT_SYNC));
        computer.direct().assertLoggedInAs(computer.identity(), computer.username(), computer.subdomain());
        assertFalse(computer.direct().ssh(secondKey, computer.username(), "true").ok(),
                "the second profile's key must not open the first profile's account");
        assertFalse(computer.direct().ssh(computer.identity(), second, "true").ok(),
                "the first profile's key must not open the second profile's account");
        assertNotEquals(uid(computer.identity(), computer.username()), uid(secondKey, second), "two Linux users, two uids");
    }

    @Test
    @Order(5)
    void aRemovedDeviceIsRefusedWithinTenSecondsAndTheOtherDeviceStillWorks() {
        computer.awaitRunning();
        SshIdentity laptop = SshIdentity.generate();
        String laptopDevice = computer.account().addDevice(computer.account().profileId(), laptop.key()).path("device_id").asText();
        computer.direct().awaitLogin(laptop, computer.username(), "true", ACCOUNT_SYNC);

        computer.account().deleteDevice(laptopDevice).expect(200);

        long removed = System.nanoTime();
        Proc.Result refused = computer.direct().awaitRefused(laptop, computer.username(), ACCOUNT_SYNC);
        assertTrue(refused.output().contains("Permission denied"), "refused by sshd (not a network error): " + refused);
        System.out.printf("[ProvisioningIT] removed key refused after %.1f s%n", (System.nanoTime() - removed) / 1e9);
        computer.direct().assertLoggedInAs(computer.identity(), computer.username(), computer.subdomain());
    }

    @Test
    @Order(6)
    void theHomeAndTheHostKeySurviveTheServiceBeingRemovedAndRecreated() {
        computer.awaitRunning();
        int port = computer.sshPort();
        OpenSsh direct = OpenSsh.anyHostKey(port);
        String token = "kept-" + Unique.alnum(12);
        Proc.Result written = direct.ssh(computer.identity(), computer.username(), "echo " + token + " > ~/kept.txt && cat ~/kept.txt");
        assertEquals(0, written.exitCode(), written.output());
        Set<String> hostKeysBefore = OpenSsh.hostKeys(port);
        assertFalse(hostKeysBefore.isEmpty(), "ssh-keyscan found no host key on port " + port);
        String oldService = Docker.inspectService(computer.service()).orElseThrow().path("ID").asText();

        assertTrue(Docker.removeService(computer.service()), "docker service rm " + computer.service());

        long removed = System.nanoTime();
        String newService = await("a new " + computer.service() + " (recreated by the reconciler)").atMost(Duration.ofSeconds(15))
                .until(() -> Docker.inspectService(computer.service()).map(s -> s.path("ID").asText()).orElse(""),
                        id -> !id.isEmpty() && !id.equals(oldService));
        System.out.printf("[ProvisioningIT] service recreated %.1f s after docker service rm%n", (System.nanoTime() - removed) / 1e9);
        assertNotEquals(oldService, newService);
        computer.awaitRunning();
        String kept = direct.awaitLogin(computer.identity(), computer.username(), "cat ~/kept.txt", Duration.ofSeconds(30));
        assertEquals(token, kept, "the file in the home survived");
        assertEquals(hostKeysBefore, OpenSsh.hostKeys(port), "the host keys (ssh-keyscan) are the same after re-creation");
    }

    private static String uid(SshIdentity identity, String user) {
        Proc.Result result = computer.direct().ssh(identity, user, "id -u");
        assertEquals(0, result.exitCode(), result.output());
        return result.output().strip();
    }
}
