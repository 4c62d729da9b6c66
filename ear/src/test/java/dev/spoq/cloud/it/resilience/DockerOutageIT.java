package dev.spoq.cloud.it.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.Computers;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.Subscriber;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static dev.spoq.cloud.it.resilience.ItServer.secs;
import static dev.spoq.cloud.it.resilience.ItServer.since;
import static org.awaitility.Awaitility.await;
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

    @BeforeEach
    void dockerAndServerAreUp() {
        assertTrue(Docker.answers(), "dockerd must be running before this test (bash scripts/start-docker.sh)");
        ItServer.ensureRunning();
    }

    @AfterEach
    void dockerRunsAgainAndComputersAreRemoved() {
        try {
            if (!Docker.answers()) {
                System.out.println("[DockerOutageIT] dockerd still down after the test; starting it: " + Docker.startDockerd());
            }
        } finally {
            Computers.removeNow();
        }
    }

    @Test
    void afterADockerOutageEveryComputerRunsAgainWithoutAnyoneActing() throws InterruptedException {
        // a computer that runs, with a user who can log in, before the outage
        Subscriber before = Subscriber.register(api).claim("r").addProfileAndDevice();
        before.awaitRunning(Duration.ofSeconds(90));
        before.awaitLogin(LOGIN);
        OpenSsh beforeSsh = before.direct();

        Subscriber during = Subscriber.register(api);
        Subscriber duringWithKey;
        long stopped;
        Duration failedAfter;
        String reason;
        Proc.Result restart;
        try {
            Docker.stopDockerd();
            stopped = System.nanoTime();
            assertFalse(Docker.answers(), "docker info must fail while dockerd is stopped");

            during.claim("r");
            long claimed = System.nanoTime();
            JsonNode failed;
            try {
                failed = await(during + " failed").atMost(FAILED_WITHIN).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(during::status, status -> "failed".equals(Subscriber.containerStatus(status)));
            } catch (ConditionTimeoutException notFailed) {
                failed = ItServer.failWithLog(during + " did not show container_status failed within " + FAILED_WITHIN.toSeconds()
                        + " s of a claim made while dockerd was down; last: " + notFailed.getMessage());
            }
            failedAfter = since(claimed);
            reason = failed.path("container_status_reason").asText("");
            String lower = reason.toLowerCase(Locale.ROOT);
            JsonNode failedStatus = failed;
            assertTrue(!reason.isBlank() && (lower.contains("docker") || lower.contains("computer")),
                    () -> "container_status_reason must say, readably, what failed (Docker, the computer): " + failedStatus);

            // the computer from before is really down: the repair below is not a no-op
            Proc.Result loginWhileDown = beforeSsh.ssh(before.identity(), before.username(), "id -un");
            assertFalse(loginWhileDown.ok(), () -> "the computer from before still lets its user in while dockerd is down: " + loginWhileDown);

            // the profile and key the user will log in with (no effect on a failed computer until it runs)
            duringWithKey = during.addProfileAndDevice();
            assertEquals("failed", during.containerStatus(), "still failed while dockerd is down");

            Duration left = OUTAGE.minus(since(stopped));
            if (!left.isNegative()) {
                Thread.sleep(left.toMillis());
            }
            assertFalse(Docker.answers(), "dockerd came back during the outage: someone else started it");
        } finally {
            restart = Docker.startDockerd();
        }
        assertTrue(restart.ok() && Docker.answers(), () -> "dockerd did not come back: " + restart);
        long back = System.nanoTime();
        Duration outage = Duration.ofNanos(back - stopped);

        // from here on only reads: GET /api/status, and SSH logins; each side's time is taken when it first succeeds
        AtomicReference<Duration> duringRunning = new AtomicReference<>();
        AtomicReference<Duration> beforeLogin = new AtomicReference<>();
        AtomicReference<String> lastDuring = new AtomicReference<>("");
        AtomicReference<String> lastBefore = new AtomicReference<>("");
        try {
            await("both computers back").atMost(WATCH).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (duringRunning.get() == null) {
                    try {
                        JsonNode status = during.status();
                        lastDuring.set(status.toString());
                        if ("running".equals(Subscriber.containerStatus(status))) {
                            duringRunning.set(since(back));
                        }
                    } catch (RuntimeException | AssertionError e) {
                        lastDuring.set(e.toString());
                    }
                }
                if (beforeLogin.get() == null) {
                    Proc.Result login = beforeSsh.ssh(before.identity(), before.username(), "id -un");
                    lastBefore.set(login.toString());
                    if (login.ok() && login.output().strip().equals(before.username())) {
                        beforeLogin.set(since(back));
                    }
                }
                return duringRunning.get() != null && beforeLogin.get() != null;
            });
        } catch (ConditionTimeoutException watchedLongEnough) {
            // reported and asserted below
        }
        System.out.printf("[DockerOutageIT] outage %s; claim during it failed after %s (\"%s\"); after dockerd returned: "
                        + "new computer running after %s, computer from before the outage logged into after %s%n",
                secs(outage), secs(failedAfter), reason,
                duringRunning.get() == null ? "never (watched " + WATCH.toSeconds() + " s)" : secs(duringRunning.get()),
                beforeLogin.get() == null ? "never (watched " + WATCH.toSeconds() + " s)" : secs(beforeLogin.get()));
        if (duringRunning.get() == null) {
            ItServer.failWithLog(during + " never became running within " + WATCH.toSeconds() + " s after dockerd returned; last: "
                    + lastDuring.get() + "; service: " + Docker.describe(during.service()));
        }
        if (beforeLogin.get() == null) {
            fail(before + " (running before the outage) did not let its user log in within " + WATCH.toSeconds()
                    + " s after dockerd returned; last: " + lastBefore.get() + "; service: " + Docker.describe(before.service()));
        }
        assertTrue(duringRunning.get().compareTo(CONVERGE) <= 0, () -> during + " became running " + secs(duringRunning.get())
                + " after dockerd returned: over the " + CONVERGE.toSeconds() + " s goal");
        assertTrue(beforeLogin.get().compareTo(CONVERGE) <= 0, () -> before + " took " + secs(beforeLogin.get())
                + " after dockerd returned to let its user log in: over the " + CONVERGE.toSeconds() + " s goal");

        // both are running computers again, each one service with its replica up, and both users log in
        assertEquals("running", before.containerStatus(), "status of the computer from before");
        duringWithKey.awaitLogin(LOGIN);
        for (Subscriber user : new Subscriber[] {before, during}) {
            Docker.assertExactlyOneService(user.subdomain());
            assertEquals("1/1", Docker.replicas(user.service()), () -> "replicas of " + user.service());
        }
    }
}
