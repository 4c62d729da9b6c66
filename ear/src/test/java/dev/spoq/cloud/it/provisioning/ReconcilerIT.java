package dev.spoq.cloud.it.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.ItDatabase;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    /** spoq.reconcile.interval-seconds of the IT server (ear/pom.xml). */
    private static final int RECONCILE_WINDOW_SECONDS = 3;
    private static final String OTHER_REPLICA = "it-replica-b";

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

    /**
     * Replicas share the reconciler's windows through the database: another replica that has recorded the next
     * windows as its own does the work in them, so this one leaves a removed service alone until those windows are
     * over, and once the other stops taking windows (it died), this one takes the next and heals the drift.
     */
    @Test
    void whileAnotherReplicaHoldsTheReconcilersWindowsThisOneWaitsThenTakesOver() throws InterruptedException {
        // a computer of its own: the reconciler sends one command per computer at most every 30 s, so one that was
        // healed a moment ago by another test would stay missing for that reason, not for the windows
        Subscriber computer = Subscriber.claim(api, "w").awaitRunning();
        long now = reconcileSlot();
        int held = 4;
        for (long slot = now + 1; slot <= now + held; slot++) {
            ItDatabase.update("INSERT INTO scheduled_work_runs (job, slot, ran_by) VALUES ('reconcile', ?, ?)", slot, OTHER_REPLICA);
        }
        await("the first held window").atMost(Duration.ofSeconds(RECONCILE_WINDOW_SECONDS + 2)).pollInterval(Duration.ofMillis(50))
                .until(() -> reconcileSlot() > now);
        assertTrue(Docker.removeService(computer.service()));

        // the IT server's timer asks every 1.5 s and finds each of these windows taken
        while (reconcileSlot() <= now + held) {
            assertFalse(Docker.serviceExists(computer.service()), "reconciled in a window another replica holds");
            Thread.sleep(250);
        }

        await("recreated once the windows are this replica's again: " + computer.service()).atMost(Duration.ofSeconds(15))
                .until(() -> Docker.serviceExists(computer.service()));
        List<List<String>> heldRuns = ItDatabase.rows("SELECT ran_by FROM scheduled_work_runs WHERE job = 'reconcile' "
                + "AND slot BETWEEN ? AND ?", now + 1, now + held);
        assertEquals(held, heldRuns.size(), heldRuns::toString);
        assertTrue(heldRuns.stream().allMatch(row -> row.get(0).equals(OTHER_REPLICA)), heldRuns::toString);
        List<List<String>> after = ItDatabase.rows("SELECT ran_by FROM scheduled_work_runs WHERE job = 'reconcile' AND slot > ?",
                now + held);
        assertTrue(!after.isEmpty() && after.stream().noneMatch(row -> row.get(0).equals(OTHER_REPLICA)), after::toString);
        computer.awaitRunning();
        await("a running container of the recreated service").atMost(Duration.ofSeconds(30))
                .until(() -> Docker.runningContainerOf(computer.service()).isPresent());
    }

    /** The reconciler's current window, on the database's clock as the server counts it. */
    private static long reconcileSlot() {
        return Long.parseLong(ItDatabase.rows("SELECT floor(extract(epoch FROM now()) / ?)::bigint",
                (double) RECONCILE_WINDOW_SECONDS).get(0).get(0));
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
