package dev.spoq.cloud.it.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Locale;

import static dev.spoq.cloud.it.resilience.Computers.secs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * dockerd stops for a minute: a claim made meanwhile fails with a reason a user can read; when dockerd
 * returns, that computer and the one that ran before the outage are running again (and let their user
 * log in) without any call that changes anything — only status reads.
 * <p>
 * dockerd is restarted (scripts/start-docker.sh) in a finally block, and again before cleanup if needed.
 */
class DockerOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration FAILED_WITHIN = Duration.ofSeconds(20);
    /** The goal after dockerd returns. */
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    /** How long the test keeps watching, to report the time it did take (the backoff caps at 5 minutes). */
    private static final Duration WATCH = Duration.ofSeconds(360);
    private static final Duration LOGIN = Duration.ofSeconds(60);

    private final ApiClient api = new ApiClient();
    private Computers computers;

    @BeforeEach
    void dockerAndServerAreUp() {
        assertTrue(Docker.answers(), "dockerd must be running before this test (bash scripts/start-docker.sh)");
        ItServer.ensureRunning();
        computers = new Computers(api);
    }

    @AfterEach
    void dockerRunsAgainAndComputersAreRemoved() {
        try {
            if (!Docker.answers()) {
                System.out.println("[DockerOutageIT] dockerd still down after the test; starting it: " + Docker.startDockerd());
            }
        } finally {
            computers.close();
        }
    }

    @Test
    void afterADockerOutageEveryComputerRunsAgainWithoutAnyoneActing() {
        // a computer that runs, with a user who can log in, before the outage
        Computers.Subscriber before = computers.register();
        computers.claim(before);
        computers.addProfileAndKey(before);
        computers.awaitStatus(before, "running", Duration.ofSeconds(90), Duration.ofMillis(500));
        computers.awaitLogin(before, LOGIN);
        int beforePort = computers.internalState(before).path("ssh_port").asInt();

        Computers.Subscriber during = computers.register();
        long stopped;
        Duration failedAfter;
        String reason;
        Shell.Result restart;
        try {
            Docker.stopDockerd();
            stopped = System.nanoTime();
            assertFalse(Docker.answers(), "docker info must fail while dockerd is stopped");

            computers.claim(during);
            long claimed = System.nanoTime();
            Poll.Outcome<JsonNode> failed = Poll.upTo(FAILED_WITHIN, Duration.ofMillis(200), () -> computers.status(during),
                    status -> "failed".equals(Computers.containerStatus(status)));
            if (failed == null) {
                ItServer.failWithLog(during + " did not show container_status failed within " + FAILED_WITHIN.toSeconds()
                        + " s of a claim made while dockerd was down; last: " + Poll.lastSeen());
            }
            failedAfter = Duration.ofNanos(System.nanoTime() - claimed);
            reason = failed.value().path("container_status_reason").asText("");
            String lower = reason.toLowerCase(Locale.ROOT);
            assertTrue(!reason.isBlank() && (lower.contains("docker") || lower.contains("computer")),
                    () -> "container_status_reason must say, readably, what failed (Docker, the computer): " + failed.value());

            // the computer from before is really down: the repair below is not a no-op
            Shell.Result loginWhileDown = before.key.login(before.username, beforePort);
            assertFalse(loginWhileDown.ok(), () -> "the computer from before still lets its user in while dockerd is down: " + loginWhileDown);

            // the profile and key the user will log in with (no effect on a failed computer until it runs)
            computers.addProfileAndKey(during);
            assertEquals("failed", Computers.containerStatus(computers.status(during)),
                    "still failed while dockerd is down");

            Duration left = OUTAGE.minus(Duration.ofNanos(System.nanoTime() - stopped));
            if (!left.isNegative()) {
                Shell.sleep(left);
            }
            assertFalse(Docker.answers(), "dockerd came back during the outage: someone else started it");
        } finally {
            restart = Docker.startDockerd();
        }
        assertTrue(restart.ok() && Docker.answers(), () -> "dockerd did not come back: " + restart);
        long back = System.nanoTime();
        Duration outage = Duration.ofNanos(back - stopped);

        // from here on only reads: GET /api/status, and SSH logins
        Duration duringRunning = null;
        Duration beforeLogin = null;
        String lastDuring = "";
        String lastBefore = "";
        long watchEnd = back + WATCH.toNanos();
        while ((duringRunning == null || beforeLogin == null) && System.nanoTime() < watchEnd) {
            if (duringRunning == null) {
                try {
                    JsonNode status = computers.status(during);
                    lastDuring = status.toString();
                    if ("running".equals(Computers.containerStatus(status))) {
                        duringRunning = Duration.ofNanos(System.nanoTime() - back);
                    }
                } catch (RuntimeException | AssertionError e) {
                    lastDuring = e.toString();
                }
            }
            if (beforeLogin == null) {
                Shell.Result login = before.key.login(before.username, beforePort);
                lastBefore = login.toString();
                if (login.ok() && login.output().strip().equals(before.username)) {
                    beforeLogin = Duration.ofNanos(System.nanoTime() - back);
                }
            }
            Shell.sleep(Duration.ofMillis(500));
        }
        System.out.printf("[DockerOutageIT] outage %s; claim during it failed after %s (\"%s\"); after dockerd returned: "
                        + "new computer running after %s, computer from before the outage logged into after %s%n",
                secs(outage), secs(failedAfter), reason, duringRunning == null ? "never (watched " + WATCH.toSeconds() + " s)" : secs(duringRunning),
                beforeLogin == null ? "never (watched " + WATCH.toSeconds() + " s)" : secs(beforeLogin));
        if (duringRunning == null) {
            ItServer.failWithLog(during + " never became running within " + WATCH.toSeconds() + " s after dockerd returned; last: "
                    + lastDuring + "; service: " + Docker.describe(during.service()));
        }
        if (beforeLogin == null) {
            fail(before + " (running before the outage) did not let its user log in within " + WATCH.toSeconds()
                    + " s after dockerd returned; last: " + lastBefore + "; service: " + Docker.describe(before.service()));
        }
        Duration finalDuringRunning = duringRunning;
        Duration finalBeforeLogin = beforeLogin;
        assertTrue(duringRunning.compareTo(CONVERGE) <= 0, () -> during + " became running " + secs(finalDuringRunning)
                + " after dockerd returned: over the " + CONVERGE.toSeconds() + " s goal");
        assertTrue(beforeLogin.compareTo(CONVERGE) <= 0, () -> before + " took " + secs(finalBeforeLogin)
                + " after dockerd returned to let its user log in: over the " + CONVERGE.toSeconds() + " s goal");

        // both are running computers again, each one service with its replica up, and both users log in
        assertEquals("running", Computers.containerStatus(computers.status(before)), "status of the computer from before");
        computers.awaitLogin(during, LOGIN);
        for (Computers.Subscriber user : new Computers.Subscriber[] {before, during}) {
            Docker.assertExactlyOneService(user.subdomain);
            assertEquals("1/1", Docker.replicas(user.service()), () -> "replicas of " + user.service());
        }
    }
}
