package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.hostkeys.KeyFiles;
import dev.spoq.cloud.gateway.support.RunningGateway;
import dev.spoq.cloud.gateway.support.StandInContainer;
import dev.spoq.cloud.gateway.support.StandInControlPlane;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.Proc.Result;
import dev.spoq.cloud.it.support.SshIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Route look-ups run on MINA's I/O threads, which also carry everyone's bytes. With a control plane that takes
 * 3 s per route answer and 16 logins asking at once, an open session's keystrokes still echo promptly (at most
 * half the I/O threads may wait for a look-up, each at most 2 s), and the logins beyond that are refused at
 * once rather than queued behind the slow answers.
 */
class SlowControlPlaneTest {
    private static final int LOGINS = 16;

    @TempDir
    Path dir;

    private StandInControlPlane controlPlane;
    private RunningGateway gateway;
    private StandInContainer container;
    private Process typing;

    @BeforeEach
    void start() throws Exception {
        controlPlane = new StandInControlPlane();
        gateway = RunningGateway.start(dir.resolve("gw"), controlPlane.url(), Map.of(
                "spoq.gateway.limits.connections-per-minute-per-address", "1000",
                "spoq.gateway.limits.max-unauthenticated-per-address", "100"));
        container = new StandInContainer(KeyFiles.load(gateway.dataDir().resolve("upstream_ed25519")).getPublic(),
                Set.of("alice"), Files.createDirectories(dir.resolve("files")));
    }

    @AfterEach
    void stop() throws Exception {
        if (typing != null) {
            typing.destroyForcibly();
        }
        container.close();
        gateway.close();
        controlPlane.close();
    }

    @Test
    void anOpenSessionKeepsEchoingWhileLoginsWaitForASlowControlPlane() throws Exception {
        SshIdentity alice = SshIdentity.generateIn(dir, "alice", "ed25519", 0);
        controlPlane.putReady("alice", alice.publicLine(), "alice", container);
        typing = new ProcessBuilder(gateway.client().sshCommand(alice, "alice", List.of(), "cat")).redirectErrorStream(true).start();
        OutputStream keys = typing.getOutputStream();
        BufferedReader screen = new BufferedReader(new InputStreamReader(typing.getInputStream(), StandardCharsets.US_ASCII));
        long quiet = echoMillis(keys, screen, "before");

        List<SshIdentity> others = new ArrayList<>();
        for (int i = 0; i < LOGINS; i++) {
            SshIdentity key = SshIdentity.generateIn(dir, "other" + i, "ed25519", 0);
            controlPlane.putReady("alice", key.publicLine(), "alice", container);
            others.add(key);
        }
        controlPlane.delayRoutes(Duration.ofSeconds(3));
        ExecutorService clients = Executors.newFixedThreadPool(LOGINS);
        List<CompletableFuture<Result>> logins = others.stream()
                .map(key -> CompletableFuture.supplyAsync(() -> gateway.client().ssh(key, "alice", List.of(), "true",
                        Proc.Input.NONE, Map.of(), Duration.ofSeconds(30)), clients))
                .toList();

        long worst = 0;
        for (int i = 0; i < 20 && logins.stream().anyMatch(login -> !login.isDone()); i++) {
            worst = Math.max(worst, echoMillis(keys, screen, "during" + i));
            Thread.sleep(100);
        }
        List<Result> results = logins.stream().map(CompletableFuture::join).toList();
        clients.shutdown();
        System.out.printf("[SlowControlPlaneTest] echo %d ms before, at worst %d ms while %d logins waited; logins took %s ms%n",
                quiet, worst, LOGINS, results.stream().map(r -> String.valueOf(r.millis())).toList());

        assertTrue(worst < 1000, "an open session's echo took " + worst + " ms while look-ups waited");
        for (Result login : results) {
            assertEquals(255, login.exitCode(), login::toString);
            assertTrue(login.millis() < 10_000, () -> "refused without hanging: " + login);
        }
        assertTrue(typing.isAlive(), "the open session goes on");
    }

    /** Types one line into {@code cat} on the computer and waits for it to come back. */
    private static long echoMillis(OutputStream keys, BufferedReader screen, String word) throws Exception {
        long started = System.nanoTime();
        keys.write((word + "\n").getBytes(StandardCharsets.US_ASCII));
        keys.flush();
        assertEquals(word, screen.readLine());
        return (System.nanoTime() - started) / 1_000_000;
    }
}
