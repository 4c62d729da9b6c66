package dev.spoq.cloud.it.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Swarm has drifts from what the database wants; the reconciler (every 3 s in the IT server) and Swarm's
 * restart policy bring it back: a removed service is recreated, a killed task restarts, and a service with our
 * labels but no user is reported — never removed.
 */
@ExtendWith(ComputerCleanup.class)
class ReconcilerIT {

    private static final ApiClient api = new ApiClient();
    private static final OpsClient ops = new OpsClient(api);
    private static Subscriber computer;

    @BeforeAll
    static void aRunningComputer() {
        computer = Subscriber.claim(api, "p").awaitRunning();
        computer.direct().awaitLogin(computer.identity(), computer.username(), "true", Duration.ofSeconds(10));
    }

    @Test
    void aServiceRemovedBehindOurBackIsRecreatedAndRunningAgain() {
        computer.awaitRunning();
        String oldService = Docker.inspectService(computer.service()).orElseThrow().path("ID").asText();

        assertTrue(Docker.removeService(computer.service()));

        long removed = System.nanoTime();
        await("recreated: " + computer.service()).atMost(Duration.ofSeconds(15))
                .until(() -> Docker.inspectService(computer.service()).map(s -> s.path("ID").asText()).orElse(""),
                        id -> !id.isEmpty() && !id.equals(oldService));
        System.out.printf("[ReconcilerIT] service recreated after %.1f s%n", (System.nanoTime() - removed) / 1e9);
        computer.awaitRunning();
        assertEquals("running", computer.state().path("status").asText());
        await("a running container of the recreated service").atMost(Duration.ofSeconds(30))
                .until(() -> Docker.runningContainerOf(computer.service()).isPresent());
        assertEquals(computer.username(),
                computer.direct().awaitLogin(computer.identity(), computer.username(), "id -un", Duration.ofSeconds(20)));
    }

    @Test
    void aKilledTaskComesBackAndSshWorksAgain() {
        computer.awaitRunning();
        String killed = computer.dockerContainer();
        computer.direct().awaitLogin(computer.identity(), computer.username(), "true", Duration.ofSeconds(20));

        Docker.ok("kill", killed);

        long at = System.nanoTime();
        String replacement = await("a new running container of " + computer.service()).atMost(Duration.ofSeconds(30))
                .until(() -> Docker.runningContainerOf(computer.service()).orElse(""), id -> !id.isEmpty() && !id.equals(killed));
        assertNotEquals(killed, replacement);
        assertEquals(computer.username() + "\n" + computer.subdomain(),
                computer.direct().awaitLogin(computer.identity(), computer.username(), "id -un; hostname", Duration.ofSeconds(30)));
        System.out.printf("[ReconcilerIT] ssh works again %.1f s after docker kill%n", (System.nanoTime() - at) / 1e9);
        computer.awaitRunning();
    }

    @Test
    void anOrphanServiceIsReportedAndLeftAlone() throws InterruptedException {
        String subdomain = "orphan" + Unique.alnum(8);
        String service = "spoq-" + subdomain;
        String image = System.getProperty("spoq.it.container.image", "127.0.0.1:5000/spoq/user:latest");
        try {
            Docker.ok("service", "create", "--detach", "--name", service, "--label", "spoq.managed=true",
                    "--label", "spoq.subdomain=" + subdomain, image);

            JsonNode reported = await("reported in GET /internal/containers/orphans: " + subdomain).atMost(Duration.ofSeconds(10))
                    .ignoreExceptions().until(() -> orphan(subdomain), found -> !found.isEmpty()).get(0);
            assertTrue(reported.path("user_id").isNull() || reported.path("user_id").asText().isEmpty(),
                    "an orphan has no user: " + reported);

            Thread.sleep(7_000); // two more reconciler passes
            assertTrue(Docker.serviceExists(service), "the platform must not remove an orphan: " + service + " is gone");
            assertEquals(1, orphan(subdomain).size(), "still reported after more passes");
        } finally {
            Docker.removeService(service);
        }
    }

    private static List<JsonNode> orphan(String subdomain) {
        List<JsonNode> found = new ArrayList<>();
        ops.orphans().expect(200).path("orphans").forEach(o -> {
            if (subdomain.equals(o.path("subdomain").asText())) {
                found.add(o);
            }
        });
        return found;
    }
}
