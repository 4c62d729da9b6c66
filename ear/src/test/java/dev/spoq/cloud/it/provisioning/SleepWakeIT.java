package dev.spoq.cloud.it.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.gateway.GatewayProcess;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Computers that sleep and wake on SSH, on real computers through the real gateway and OpenSSH. Each computer is
 * given a short idle time of its own ({@code PUT /internal/containers/{id}/sleep-after}; the IT server looks every
 * 2 s, {@code spoq.idle.check-interval-seconds}), so the other suites' computers keep the default hour.
 * An idle computer sleeps (no task, files kept, status sleeping); {@code ssh 'cat file'}, scp and sftp wake it with
 * one line on stderr; a computer whose CPU is busy stays awake without any session; a computer suspended by billing
 * (its trial over) is not woken by a login, which gets the renew banner.
 */
@ExtendWith(ComputerCleanup.class)
class SleepWakeIT {

    private static final ApiClient api = new ApiClient();
    private static final Duration IDLE = Duration.ofSeconds(6);
    private static final Duration FALLS_ASLEEP = Duration.ofSeconds(60);
    private static final String WAKING = "Waking up your computer...";

    @RegisterExtension
    static final GatewayProcess gateway = new GatewayProcess();
    private static final OpenSsh ssh = gateway.client();

    private static Subscriber sleeper;
    private static Subscriber busy;
    private static Subscriber lapsed;

    @BeforeAll
    static void threeSubscribersWithRunningPairedComputers() {
        sleeper = Subscriber.claim(api, "zs");
        busy = Subscriber.claim(api, "zb");
        lapsed = Subscriber.claim(api, "zl");
        CompletableFuture.allOf(List.of(sleeper, busy, lapsed).stream()
                .map(s -> CompletableFuture.runAsync(() -> {
                    s.awaitRunning(GatewayProcess.COMPUTER_START);
                    Proc.Result paired = await("the first login of " + s).atMost(Duration.ofSeconds(60)).ignoreExceptions()
                            .until(() -> s.firstLogin(ssh, "true", OpenSsh.DEFAULT_TIMEOUT), Proc.Result::ok);
                    assertEquals(0, paired.exitCode(), paired::toString);
                })).toArray(CompletableFuture[]::new)).join();
    }

    @Test
    void anIdleComputerSleepsWithItsFilesAndTheFirstSshWakesItWithOneLine() throws IOException {
        String kept = "kept-" + Unique.alnum(12);
        Proc.Result written = login(sleeper, "echo " + kept + " > ~/kept.txt");
        assertEquals(0, written.exitCode(), written::toString);
        sleepAfter(sleeper, IDLE);

        long idleFrom = System.nanoTime();
        awaitAsleep(sleeper);
        System.out.printf("[SleepWakeIT] asleep %.1f s after the last session (idle time %d s)%n",
                (System.nanoTime() - idleFrom) / 1e9, IDLE.toSeconds());
        assertEquals(0, Docker.desiredReplicas(sleeper.service()), Docker.describe(sleeper.service()));
        assertTrue(Docker.volumeExists(sleeper.volume()), "the home volume is kept");
        assertEquals("sleeping", sleeper.state().path("status").asText(), "the operator's view says so too");

        Proc.Result woken = login(sleeper, "cat ~/kept.txt");
        System.out.printf("[SleepWakeIT] sleeping -> 'cat' through ssh: %d ms%n", woken.millis());
        assertEquals(0, woken.exitCode(), woken::toString);
        assertEquals(kept, woken.stdout().strip(), woken::toString);
        assertWokenWithOneLine(woken);
        assertEquals("running", sleeper.containerStatus());
        assertTrue(Docker.runningContainerOf(sleeper.service()).isPresent(), Docker.describe(sleeper.service()));

        // a login right after lands at once, without a word
        Proc.Result again = login(sleeper, "hostname");
        assertEquals(0, again.exitCode(), again::toString);
        assertFalse(again.stderr().contains("Waking"), again::toString);

        // scp and sftp wake it the same way
        awaitAsleep(sleeper);
        Path copy = Files.createTempFile("sleepwake", ".txt");
        Proc.Result scp = ssh.scp(sleeper.identity(), List.of(), OpenSsh.remote(sleeper.username(), "kept.txt"), copy.toString());
        assertEquals(0, scp.exitCode(), scp::toString);
        assertEquals(kept, Files.readString(copy).strip(), scp::toString);
        assertAtMostOneLine(scp);

        awaitAsleep(sleeper);
        Path batch = Files.createTempFile("sleepwake", ".sftp");
        Files.writeString(batch, "get kept.txt " + copy + "\n");
        Files.delete(copy);
        Proc.Result sftp = ssh.sftp(sleeper.identity(), sleeper.username(), batch);
        assertEquals(0, sftp.exitCode(), sftp::toString);
        assertEquals(kept, Files.readString(copy).strip(), sftp::toString);
        assertAtMostOneLine(sftp);
    }

    @Test
    void aComputerWhoseCpuIsBusyStaysAwakeWithoutASessionAndSleepsOnceItIsQuiet() throws InterruptedException {
        Proc.Result started = login(busy, "setsid sh -c 'while :; do :; done' </dev/null >/dev/null 2>&1 & echo $! > /tmp/busy.pid");
        assertEquals(0, started.exitCode(), started::toString);
        sleepAfter(busy, IDLE);

        Thread.sleep(IDLE.multipliedBy(4).toMillis()); // four idle times without a session
        assertEquals("running", busy.containerStatus(), "a busy computer does not sleep");
        assertTrue(Docker.runningContainerOf(busy.service()).isPresent(), Docker.describe(busy.service()));

        Proc.Result stopped = login(busy, "kill $(cat /tmp/busy.pid)");
        assertEquals(0, stopped.exitCode(), stopped::toString);
        awaitAsleep(busy);
    }

    @Test
    void aComputerSuspendedByBillingIsNotWokenByALogin() throws InterruptedException {
        sleepAfter(lapsed, IDLE);
        awaitAsleep(lapsed);
        // the trial ends without a subscription: billing's sweep (every 2 s here) suspends the account and its computer
        ApiResponse moved = api.send("PUT", "/internal/billing/accounts/" + lapsed.userId() + "/trial-end",
                Map.of("Authorization", "Bearer " + OpsClient.internalToken(), "Content-Type", ApiClient.JSON),
                Json.write(Json.object("trial_ends_at", Instant.now().minusSeconds(60).toString())));
        assertEquals(200, moved.status(), moved::toString);
        await("the subscription and the computer suspended").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> lapsed.status(), status -> "suspended".equals(status.path("subscription_status").asText())
                        && "suspended".equals(Subscriber.containerStatus(status)));

        Proc.Result refused = login(lapsed, "hostname");
        assertNotEquals(0, refused.exitCode(), refused::toString);
        assertTrue(refused.stdout().isBlank(), refused::toString);
        assertTrue(refused.stderr().contains("Renew the subscription on"), () -> "the renew banner: " + refused);
        assertFalse(refused.stderr().contains("Waking"), refused::toString);
        Thread.sleep(3_000);
        assertEquals("suspended", lapsed.containerStatus(), "still suspended after the login");
        assertTrue(Docker.runningContainerOf(lapsed.service()).isEmpty(), Docker.describe(lapsed.service()));
        assertEquals(0, Docker.desiredReplicas(lapsed.service()));
    }

    private static Proc.Result login(Subscriber subscriber, String command) {
        return ssh.ssh(subscriber.identity(), subscriber.username(), List.of(), command, Proc.Input.NONE, Map.of(), Duration.ofSeconds(90));
    }

    private static void sleepAfter(Subscriber subscriber, Duration idle) {
        ApiResponse set = api.send("PUT", "/internal/containers/" + subscriber.containerId() + "/sleep-after",
                Map.of("Authorization", "Bearer " + OpsClient.internalToken(), "Content-Type", ApiClient.JSON),
                Json.write(Json.object("after_seconds", idle.toSeconds())));
        assertEquals(200, set.status(), set::toString);
    }

    /** Sleeping in the user's own view, and no task of its service left running. */
    private static void awaitAsleep(Subscriber subscriber) {
        await(subscriber + " asleep").atMost(FALLS_ASLEEP).ignoreExceptions()
                .until(subscriber::containerStatus, "sleeping"::equals);
        await("no running task of " + subscriber.service()).atMost(Duration.ofSeconds(30))
                .until(() -> Docker.runningContainerOf(subscriber.service()).isEmpty());
    }

    /** scp and sftp may run ssh quietly (no banners); what counts is that they work, with nothing but that line. */
    private static void assertAtMostOneLine(Proc.Result woken) {
        assertTrue(woken.stderr().lines().filter(WAKING::equals).count() <= 1, woken::toString);
        assertFalse(woken.stderr().contains("Starting your Spoq computer"), woken::toString);
        assertFalse(woken.timedOut(), woken::toString);
        assertTrue(woken.millis() < 60_000, woken::toString);
    }

    private static void assertWokenWithOneLine(Proc.Result woken) {
        List<String> said = woken.stderr().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, said.stream().filter(WAKING::equals).count(), () -> "one line says it wakes: " + woken);
        assertFalse(woken.stderr().contains("Starting your Spoq computer"), woken::toString);
        assertFalse(woken.timedOut(), woken::toString);
    }
}
