package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.hostkeys.KeyFiles;
import dev.spoq.cloud.gateway.support.RunningGateway;
import dev.spoq.cloud.gateway.support.StandInContainer;
import dev.spoq.cloud.gateway.support.StandInControlPlane;
import dev.spoq.cloud.it.support.Proc.Result;
import dev.spoq.cloud.it.support.SshIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After login, what one account may hold: channels over all its connections ({@code ssh -W} over one
 * ControlMaster included), connections, and the gateway's relay threads; each refusal says why, and other
 * accounts are not affected. The real OpenSSH client against the stand-in container.
 */
class AccountLimitsTest {
    @TempDir
    Path dir;

    private StandInControlPlane controlPlane;
    private RunningGateway gateway;
    private StandInContainer container;
    private GatewayRelayTest.TcpEchoServer echo;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void startControlPlane() throws IOException {
        controlPlane = new StandInControlPlane();
        echo = new GatewayRelayTest.TcpEchoServer();
    }

    @AfterEach
    void stop() throws Exception {
        started.forEach(Process::destroyForcibly);
        for (AutoCloseable closeable : new AutoCloseable[] {echo, container, gateway, controlPlane}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void channelsPerAccountAreBoundedOverAControlMasterAndOtherAccountsGoOn() throws Exception {
        start(Map.of("spoq.gateway.limits.max-channels-per-account", "3"));
        SshIdentity alice = user("alice");
        SshIdentity bob = user("bob");
        Path control = dir.resolve("cm");
        Process master = background("master", gateway.client().sshCommand(alice, "alice",
                List.of("-M", "-S", control.toString(), "-N"), null));
        await("the ControlMaster is up").atMost(Duration.ofSeconds(20)).until(() -> Files.exists(control) || !master.isAlive());

        List<Process> forwards = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            forwards.add(stdioForward("w" + i, alice, control));
        }
        Process fourth = background("w4", muxed(alice, control, "127.0.0.1:" + echo.port()));
        assertTrue(fourth.waitFor(20, TimeUnit.SECONDS), "the fourth channel is refused, not left waiting");
        assertTrue(fourth.exitValue() != 0, () -> "the fourth ssh -W fails: " + output("w4"));
        assertTrue(output("master").contains("administratively prohibited: Spoq: at most 3 channels"),
                "master: " + output("master") + "\nfourth: " + output("w4"));
        forwards.forEach(forward -> assertTrue(forward.isAlive(), "the first three go on"));

        Result other = gateway.client().ssh(bob, "bob", "echo bob");
        assertEquals("bob\n", other.stdout(), "another account is not affected: " + other);

        forwards.get(0).destroy();
        assertTrue(forwards.get(0).waitFor(10, TimeUnit.SECONDS));
        await("a place is free again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> echoesThrough(alice, control, "again"));
        assertTrue(gateway.gateway().metrics().render().contains("ssh_channels_refused_total"), gateway.gateway().metrics().render());
    }

    @Test
    void connectionsPerAccountAreBounded() throws Exception {
        start(Map.of("spoq.gateway.limits.max-connections-per-account", "2"));
        SshIdentity alice = user("alice");
        sleeping("s1", alice, "alice");
        sleeping("s2", alice, "alice");

        Result third = gateway.client().ssh(alice, "alice", "echo in");
        assertEquals(255, third.exitCode(), third::toString);
        assertTrue(third.stderr().contains("Spoq: at most 2 connections may be open at once to your computer"), third::toString);
        assertFalse(third.stdout().contains("in"), third::toString);
    }

    @Test
    void whenTheRelayThreadsAreTakenANewChannelIsRefusedWithAMessage() throws Exception {
        // 8 threads: two relayed sessions (4 each) take them all
        start(Map.of("spoq.gateway.limits.max-relay-threads", "8"));
        SshIdentity alice = user("alice");
        SshIdentity bob = user("bob");
        SshIdentity carol = user("carol");
        sleeping("a", alice, "alice");
        sleeping("b", bob, "bob");

        Result refused = gateway.client().ssh(carol, "carol", "echo in");
        assertEquals(255, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("administratively prohibited: Spoq: the gateway is busy right now"), refused::toString);
    }

    private void start(Map<String, String> settings) throws Exception {
        gateway = RunningGateway.start(dir.resolve("gw"), controlPlane.url(), settings);
        container = new StandInContainer(KeyFiles.load(gateway.dataDir().resolve("upstream_ed25519")).getPublic(),
                Set.of("alice", "bob", "carol"), Files.createDirectories(dir.resolve("files")));
    }

    private SshIdentity user(String name) throws IOException {
        SshIdentity key = SshIdentity.generateIn(dir, name, "ed25519", 0);
        controlPlane.putReady(name, key.publicLine(), name, container);
        return key;
    }

    private List<String> muxed(SshIdentity key, Path control, String target) {
        return gateway.client().sshCommand(key, "alice", List.of("-S", control.toString(), "-W", target), null);
    }

    /** {@code ssh -S control -W echo}: a forwarded connection over the ControlMaster, checked to echo. */
    private Process stdioForward(String name, SshIdentity key, Path control) throws Exception {
        Process forward = background(name, muxed(key, control, "127.0.0.1:" + echo.port()));
        forward.getOutputStream().write((name + "\n").getBytes(StandardCharsets.US_ASCII));
        forward.getOutputStream().flush();
        await(name + " echoes").atMost(Duration.ofSeconds(20)).until(() -> output(name).contains(name) || !forward.isAlive());
        assertTrue(forward.isAlive(), () -> name + ": " + output(name) + "\nmaster: " + output("master"));
        return forward;
    }

    private boolean echoesThrough(SshIdentity key, Path control, String word) throws Exception {
        Process probe = new ProcessBuilder(muxed(key, control, "127.0.0.1:" + echo.port())).redirectErrorStream(true).start();
        started.add(probe);
        probe.getOutputStream().write((word + "\n").getBytes(StandardCharsets.US_ASCII));
        probe.getOutputStream().close();
        byte[] answer = probe.getInputStream().readNBytes(word.length() + 1);
        probe.destroy();
        return new String(answer, StandardCharsets.US_ASCII).equals(word + "\n");
    }

    private void sleeping(String name, SshIdentity key, String user) throws Exception {
        Process session = background(name, gateway.client().sshCommand(key, user, List.of(), "echo started; sleep 60"));
        await(name + " started").atMost(Duration.ofSeconds(20)).until(() -> output(name).contains("started") || !session.isAlive());
        assertTrue(session.isAlive(), () -> name + ": " + output(name));
    }

    private Process background(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        started.add(process);
        return process;
    }

    private String output(String name) {
        try {
            return Files.readString(dir.resolve(name + ".out"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
