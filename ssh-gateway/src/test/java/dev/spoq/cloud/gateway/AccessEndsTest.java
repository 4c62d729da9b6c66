package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.hostkeys.KeyFiles;
import dev.spoq.cloud.gateway.support.RunningGateway;
import dev.spoq.cloud.gateway.support.StandInContainer;
import dev.spoq.cloud.gateway.support.StandInControlPlane;
import dev.spoq.cloud.it.support.SshIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions end when access ends: the real OpenSSH client holds {@code sleep 60} open through the gateway; the
 * stand-in control plane then stops admitting its device, and the session is cut within 5 s, with the
 * control plane's words, while another device's session goes on. A control plane that does not answer cuts
 * nothing.
 */
class AccessEndsTest {
    @TempDir
    Path dir;

    private StandInControlPlane controlPlane;
    private RunningGateway gateway;
    private StandInContainer container;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        controlPlane = new StandInControlPlane();
        gateway = RunningGateway.start(dir.resolve("gw"), controlPlane.url(), Map.of());
        container = new StandInContainer(KeyFiles.load(gateway.dataDir().resolve("upstream_ed25519")).getPublic(),
                Set.of("alice"), Files.createDirectories(dir.resolve("files")));
    }

    @AfterEach
    void stop() throws Exception {
        started.forEach(Process::destroyForcibly);
        container.close();
        gateway.close();
        controlPlane.close();
    }

    @Test
    void aRemovedDevicesOpenSessionIsCutWithinFiveSecondsAndOthersGoOn() throws Exception {
        SshIdentity phone = device("phone");
        SshIdentity laptop = device("laptop");
        Process phoneSession = sleeping(phone, "phone");
        Process laptopSession = sleeping(laptop, "laptop");

        controlPlane.remove("alice", phone.publicLine());
        long removedAt = System.nanoTime();
        assertTrue(phoneSession.waitFor(8, TimeUnit.SECONDS), "the phone's session is cut");
        long cutAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - removedAt);

        String output = Files.readString(dir.resolve("phone.out"));
        assertTrue(cutAfter <= 5000, "cut after " + cutAfter + " ms");
        assertEquals(255, phoneSession.exitValue(), output);
        assertTrue(output.contains("Spoq: This device was removed from your Spoq account."), output);
        assertTrue(laptopSession.isAlive(), "the laptop's session goes on");
        assertTrue(gateway.gateway().metrics().render().contains("ssh_sessions_ended_total 1.0"), gateway.gateway().metrics().render());
    }

    /** A suspension stops the computer: its connection often closes before the next re-check would see the suspension. */
    @Test
    void aComputerThatGoesAwayBecauseAccessEndedStillTellsTheUserWhy() throws Exception {
        SshIdentity phone = device("phone");
        Process session = sleeping(phone, "phone");
        int checks = controlPlane.sessionChecks();
        await("a periodic re-check").atMost(Duration.ofSeconds(5)).until(() -> controlPlane.sessionChecks() > checks);

        // right after a re-check: the next one is ~2 s away, and without asking at once the session would already
        // be closed, without words, by then
        controlPlane.remove("alice", phone.publicLine());
        container.close();
        long stoppedAt = System.nanoTime();
        assertTrue(session.waitFor(8, TimeUnit.SECONDS), "the session ends");
        long endedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);

        String output = Files.readString(dir.resolve("phone.out"));
        assertTrue(output.contains("Spoq: This device was removed from your Spoq account."), output);
        assertTrue(endedAfter <= 5000, "ended after " + endedAfter + " ms");
    }

    @Test
    void whileTheControlPlaneDoesNotAnswerSessionsAreKept() throws Exception {
        SshIdentity phone = device("phone");
        Process session = sleeping(phone, "phone");
        controlPlane.answerSessionChecks(false);
        controlPlane.remove("alice", phone.publicLine());
        int checksBefore = controlPlane.sessionChecks();

        assertTrue(!session.waitFor(5, TimeUnit.SECONDS), "kept while the control plane does not answer");
        assertTrue(controlPlane.sessionChecks() >= checksBefore + 2, "the gateway kept asking");

        controlPlane.answerSessionChecks(true);
        assertTrue(session.waitFor(5, TimeUnit.SECONDS), "cut once the control plane answers again");
    }

    private SshIdentity device(String name) throws IOException {
        SshIdentity key = SshIdentity.generateIn(dir, name, "ed25519", 0);
        controlPlane.putReady("alice", key.publicLine(), "alice", container);
        return key;
    }

    /** {@code ssh alice@gateway 'echo started; sleep 60'} in the background, once it has printed "started". */
    private Process sleeping(SshIdentity key, String name) throws IOException {
        Path out = dir.resolve(name + ".out");
        Process process = new ProcessBuilder(gateway.client().sshCommand(key, "alice", List.of(), "echo started; sleep 60"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        started.add(process);
        await(name + "'s session started").atMost(Duration.ofSeconds(20))
                .until(() -> Files.readString(out).contains("started") || !process.isAlive());
        assertTrue(process.isAlive(), () -> name + ": " + read(out));
        return process;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
