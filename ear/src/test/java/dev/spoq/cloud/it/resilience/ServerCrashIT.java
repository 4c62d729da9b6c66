package dev.spoq.cloud.it.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.spoq.cloud.it.resilience.Computers.secs;
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
    private Computers computers;

    @BeforeEach
    void serverAndDockerAreUp() {
        ItServer.ensureRunning();
        assertTrue(Docker.answers(), "dockerd must be running for this test (bash scripts/start-docker.sh)");
        computers = new Computers(api);
    }

    @AfterEach
    void serverRunsAgainAndComputersAreRemoved() {
        try {
            ItServer.ensureRunning();
        } finally {
            computers.close();
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
        Computers.Subscriber user = computers.register();
        computers.claim(user);
        long pid = ItServer.pid();
        killed = true;
        ItServer.kill9(pid);

        Duration ready = restart();
        JsonNode afterRestart = computers.status(user);
        Poll.Outcome<JsonNode> running = awaitRunning(user, RUNNING_AFTER_CLAIM_CRASH);
        Docker.assertExactlyOneService(user.subdomain);

        computers.addProfileAndKey(user);
        Duration login = computers.awaitLogin(user, LOGIN);
        Docker.assertExactlyOneService(user.subdomain);
        System.out.printf("[ServerCrashIT] kill -9 right after the claim of %s: ready after %s, status then %s, running %s after ready, "
                        + "SSH login %s after adding profile and key%n",
                user.subdomain, secs(ready), Computers.containerStatus(afterRestart), secs(running.elapsed()), secs(login));
    }

    @Test
    void killedWhileProvisioningTheComputerEndsUpRunning() {
        Computers.Subscriber user = computers.register();
        computers.claim(user);
        Poll.Outcome<JsonNode> provisioning = Poll.until(user + " is seen in container_status provisioning (the server was not killed)",
                Duration.ofSeconds(60), Duration.ofMillis(20), () -> computers.status(user),
                status -> {
                    String now = Computers.containerStatus(status);
                    assertTrue(now.equals("pending") || now.equals("provisioning"),
                            () -> "the computer went past provisioning before the test could kill the server: " + status);
                    return now.equals("provisioning");
                });
        long pid = ItServer.pid();
        killed = true;
        ItServer.kill9(pid);
        String serviceAtKill = Docker.replicas(user.service());

        Duration ready = restart();
        JsonNode afterRestart = computers.status(user);
        Poll.Outcome<JsonNode> running = awaitRunning(user, RUNNING_AFTER_MID_PROVISIONING_CRASH);
        Docker.assertExactlyOneService(user.subdomain);

        computers.addProfileAndKey(user);
        Duration login = computers.awaitLogin(user, LOGIN);
        Docker.assertExactlyOneService(user.subdomain);
        System.out.printf("[ServerCrashIT] kill -9 while %s was provisioning (%s after the claim; service then: %s): ready after %s, "
                        + "status then %s, running %s after ready, SSH login %s after adding profile and key%n",
                user.subdomain, secs(provisioning.elapsed()), serviceAtKill, secs(ready),
                Computers.containerStatus(afterRestart), secs(running.elapsed()), secs(login));
    }

    /** {@code server start spoq-it}, then waits for readiness; returns how long readiness took. */
    private static Duration restart() {
        long started = System.nanoTime();
        Shell.Result start = ItServer.start();
        if (ItServer.pids().isEmpty()) {
            ItServer.failWithLog("server start " + ItServer.NAME + " left no running JVM: " + start);
        }
        ItServer.awaitReady(READY.minus(Duration.ofNanos(System.nanoTime() - started)).plusSeconds(1));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private Poll.Outcome<JsonNode> awaitRunning(Computers.Subscriber user, Duration deadline) {
        Poll.Outcome<JsonNode> running = Poll.upTo(deadline, Duration.ofMillis(500), () -> computers.status(user),
                status -> "running".equals(Computers.containerStatus(status)));
        if (running == null) {
            ItServer.failWithLog(user + " is not running " + deadline.toSeconds() + " s after the restart; last status: "
                    + Poll.lastSeen() + "; service: " + Docker.describe(user.service()));
        }
        return running;
    }
}
