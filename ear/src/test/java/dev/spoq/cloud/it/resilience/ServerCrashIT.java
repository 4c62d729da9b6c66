package dev.spoq.cloud.it.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.Computers;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.Subscriber;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.spoq.cloud.it.resilience.ItServer.secs;
import static dev.spoq.cloud.it.resilience.ItServer.since;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing is lost on a crash: the server JVM is killed with SIGKILL right after a claim, or while the
 * claimed computer is being provisioned; after {@code server start} the user's computer ends up
 * running, once (one Swarm service), and its profile user can log in over SSH.
 * <p>
 * The embedded PostgreSQL outlives the kill -9 and is adopted by the restarted server. Whatever happens,
 * the server is running and ready again when a test ends (the plugin's test-stop stops it after the phase).
 */
class ServerCrashIT {

    private static final Duration READY = Duration.ofSeconds(120);
    /** Right after a claim the command is on the persistent queue, or the reconciler's 15 s pending grace catches it. */
    private static final Duration RUNNING_AFTER_CLAIM_CRASH = Duration.ofSeconds(90);
    /**
     * Killed mid-provisioning, the unacknowledged command comes back when the server starts; failing that,
     * the reconciler's 2-minute provisioning grace does it, hence the longer bound.
     */
    private static final Duration RUNNING_AFTER_MID_PROVISIONING_CRASH = Duration.ofSeconds(180);
    private static final Duration LOGIN = Duration.ofSeconds(60);

    private static volatile boolean killed;

    private final ApiClient api = new ApiClient();

    @BeforeEach
    void serverAndDockerAreUp() {
        ItServer.ensureRunning();
        assertTrue(Docker.answers(), "dockerd must be running for this test (bash scripts/start-docker.sh)");
    }

    /** Removal needs the server, and must be over before the next test kills it again. */
    @AfterEach
    void serverRunsAgainAndComputersAreRemoved() {
        try {
            ItServer.ensureRunning();
        } finally {
            Computers.removeNow();
        }
    }

    /**
     * The restarted server adopted the PostgreSQL the killed one left behind and would leave it running
     * after the phase: restart once more so that the server owns its database again.
     */
    @AfterAll
    static void serverOwnsItsDatabaseAgain() {
        if (killed) {
            ItServer.restartOwningTheDatabase();
        }
    }

    @Test
    void killedRightAfterAClaimTheComputerEndsUpRunning() {
        Subscriber user = Subscriber.register(api).claim("r");
        long pid = ItServer.pid();
        killed = true;
        ItServer.kill9(pid);

        Recovery recovery = recover(user, RUNNING_AFTER_CLAIM_CRASH);
        System.out.printf("[ServerCrashIT] kill -9 right after the claim of %s: ready after %s, status then %s, running %s after ready, "
                        + "SSH login %s after adding profile and key%n",
                user.subdomain(), secs(recovery.ready()), recovery.statusAfterRestart(), secs(recovery.running()), secs(recovery.login()));
    }

    @Test
    void killedWhileProvisioningTheComputerEndsUpRunning() {
        Subscriber user = Subscriber.register(api).claim("r");
        long claimed = System.nanoTime();
        await(user + " is seen in container_status provisioning (the server was not killed)").atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> statusOrNull(user), status -> {
                    // a status that cannot be read is "not yet"; one past provisioning fails the test at once
                    if (status == null) {
                        return false;
                    }
                    String now = Subscriber.containerStatus(status);
                    assertTrue(now.equals("pending") || now.equals("provisioning"),
                            () -> "the computer went past provisioning before the test could kill the server: " + status);
                    return now.equals("provisioning");
                });
        Duration provisioning = since(claimed);
        long pid = ItServer.pid();
        killed = true;
        ItServer.kill9(pid);
        String serviceAtKill = Docker.replicas(user.service());

        Recovery recovery = recover(user, RUNNING_AFTER_MID_PROVISIONING_CRASH);
        System.out.printf("[ServerCrashIT] kill -9 while %s was provisioning (%s after the claim; service then: %s): ready after %s, "
                        + "status then %s, running %s after ready, SSH login %s after adding profile and key%n",
                user.subdomain(), secs(provisioning), serviceAtKill, secs(recovery.ready()),
                recovery.statusAfterRestart(), secs(recovery.running()), secs(recovery.login()));
    }

    /** How the platform came back after a kill: each phase's time, and the computer's status right after readiness. */
    private record Recovery(Duration ready, String statusAfterRestart, Duration running, Duration login) {
    }

    /**
     * What both crashes must end in: the server ready again, the computer running within the bound and once
     * (one Swarm service), and, once a profile and key are added, a login over SSH, still with one service.
     */
    private static Recovery recover(Subscriber user, Duration runningWithin) {
        Duration ready = restart();
        String afterRestart = user.containerStatus();
        Duration running = awaitRunning(user, runningWithin);
        Docker.assertExactlyOneService(user.subdomain());

        Duration login = user.addProfileAndDevice().awaitLogin(LOGIN);
        Docker.assertExactlyOneService(user.subdomain());
        return new Recovery(ready, afterRestart, running, login);
    }

    /** {@code server start spoq-it}, then waits for readiness; returns how long readiness took. */
    private static Duration restart() {
        long started = System.nanoTime();
        Proc.Result start = ItServer.start();
        if (ItServer.pids().isEmpty()) {
            ItServer.failWithLog("server start " + ItServer.NAME + " left no running JVM: " + start);
        }
        ItServer.awaitReady(READY.minus(since(started)).plusSeconds(1));
        return since(started);
    }

    private static Duration awaitRunning(Subscriber user, Duration deadline) {
        long started = System.nanoTime();
        try {
            await(user + " running").atMost(deadline).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(user::status, status -> "running".equals(Subscriber.containerStatus(status)));
        } catch (ConditionTimeoutException notRunning) {
            ItServer.failWithLog(user + " is not running " + deadline.toSeconds() + " s after the restart; last status: "
                    + notRunning.getMessage() + "; service: " + Docker.describe(user.service()));
        }
        return since(started);
    }

    private static JsonNode statusOrNull(Subscriber user) {
        try {
            return user.status();
        } catch (RuntimeException | AssertionError notAnswered) {
            return null;
        }
    }
}
