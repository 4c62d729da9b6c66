package dev.spoq.cloud.it.resilience;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.ItDatabase;
import dev.spoq.cloud.it.support.Subscriber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two control-plane replicas on one database (the IT server, it-replica-a, and a second Liberty beside it,
 * it-replica-b): the reconciler runs once per interval across both, not once on each, and a replica killed right
 * after it took a claim loses no computer (the other one's reconciler finds the claim and provisions it).
 */
@ExtendWith(ComputerCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    /** spoq.reconcile.interval-seconds of both replicas (ear/pom.xml). */
    private static final int RECONCILE_WINDOW_SECONDS = 3;
    private static final String REPLICA_A = "it-replica-a";

    private static final ApiClient api = new ApiClient();
    private static SecondReplica replicaB;

    @BeforeAll
    static void aSecondReplica() {
        long started = System.nanoTime();
        replicaB = SecondReplica.start();
        System.out.printf("[ReplicasIT] %s ready after %.1f s%n", SecondReplica.SERVER, (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void stopTheSecondReplica() {
        if (replicaB != null) {
            replicaB.close();
        }
    }

    @Test
    @Order(1)
    void theReconcilerRunsOncePerIntervalAcrossBothReplicasAndHealsADriftWithOneCommand() throws InterruptedException {
        Subscriber computer = Subscriber.claim(api, "rr").awaitRunning();
        String from = ItDatabase.rows("SELECT now()").get(0).get(0);

        // both replicas' timers tick every 1.5 s; in each window the first tick's replica runs, the other finds it taken
        // (which one wins depends on the timers' phases, so the test does not ask for both in the trail); four windows
        // of both ticking, then a drift for them to heal
        Thread.sleep(4 * RECONCILE_WINDOW_SECONDS * 1000L);
        assertTrue(Docker.removeService(computer.service()));
        await("recreated: " + computer.service()).atMost(Duration.ofSeconds(30))
                .until(() -> Docker.serviceExists(computer.service()));
        computer.awaitRunning();

        List<String> counted = ItDatabase.rows("SELECT count(*)::text, extract(epoch FROM now() - CAST(? AS timestamptz))::text "
                + "FROM scheduled_work_runs WHERE job = 'reconcile' AND started_at >= CAST(? AS timestamptz)", from, from).get(0);
        long runs = Long.parseLong(counted.get(0));
        double seconds = Double.parseDouble(counted.get(1));
        System.out.printf("[ReplicasIT] %d reconciler runs in %.1f s over two replicas (windows of %d s), run by %s%n",
                runs, seconds, RECONCILE_WINDOW_SECONDS, reconcilersSince(from));
        assertTrue(runs <= seconds / RECONCILE_WINDOW_SECONDS + 1,
                () -> runs + " reconciler runs in " + seconds + " s: more than one per " + RECONCILE_WINDOW_SECONDS + "-s window");

        String healing = "Reconciler: " + computer.subdomain() + " is running in the database and missing in the runtime; sending ensure";
        int onA = occurrences(itServerLog(), healing);
        int onB = occurrences(replicaB.log(), healing);
        assertEquals(1, onA + onB, () -> "the removed service was sent for " + onA + " time(s) by " + REPLICA_A + " and " + onB
                + " by " + SecondReplica.NAME + ": once in all is enough");
    }

    @Test
    @Order(2)
    void killingTheReplicaThatTookAClaimRightAfterItLosesNoComputer() {
        Subscriber user = Subscriber.register(replicaB.api()).claim("rk");
        replicaB.kill9();
        long killed = System.nanoTime();

        // the other replica shows the account and, once its reconciler has seen the claim, provisions it
        await("the computer of a claim taken by the killed replica runs").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> Subscriber.containerStatus(api.get("/api/status", user.account().token()).expect(200)), "running"::equals);
        System.out.printf("[ReplicasIT] running %.1f s after kill -9 of the replica that took the claim%n",
                (System.nanoTime() - killed) / 1e9);
        await("a running container of " + user.service()).atMost(Duration.ofSeconds(30))
                .until(() -> Docker.runningContainerOf(user.service()).isPresent());
    }

    private static Set<String> reconcilersSince(String from) {
        return ItDatabase.rows("SELECT DISTINCT ran_by FROM scheduled_work_runs WHERE job = 'reconcile' "
                + "AND started_at >= CAST(? AS timestamptz)", from).stream().map(row -> row.get(0)).collect(Collectors.toSet());
    }

    private static String itServerLog() {
        try {
            return Files.readString(Path.of(System.getProperty("spoq.it.server.dir"), "logs", "messages.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static int occurrences(String text, String what) {
        Matcher matcher = Pattern.compile(Pattern.quote(what)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
