package dev.spoq.cloud.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spoq.cloud.gateway.hostkeys.KeyFiles;
import dev.spoq.cloud.gateway.support.RunningGateway;
import dev.spoq.cloud.gateway.support.StandInContainer;
import dev.spoq.cloud.gateway.support.StandInControlPlane;
import dev.spoq.cloud.it.support.Ports;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.Proc.Result;
import dev.spoq.cloud.it.support.SshIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway end to end: the real OpenSSH client as the user, a stand-in control plane answering the
 * internal API, and a real MINA sshd as the user's container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayRelayTest {
    @TempDir
    static Path dir;

    private StandInControlPlane controlPlane;
    private RunningGateway gateway;
    private StandInContainer container;
    private OpenSsh ssh;
    private TcpEchoServer echo;
    private SshIdentity aliceKey;

    @BeforeAll
    void start() throws Exception {
        controlPlane = new StandInControlPlane();
        gateway = RunningGateway.startForManyLogins(dir.resolve("gateway"), controlPlane.url());
        Path sftpRoot = Files.createDirectories(dir.resolve("container-files"));
        container = new StandInContainer(KeyFiles.load(gateway.dataDir().resolve("upstream_ed25519")).getPublic(),
                Set.of("alice", "work"), sftpRoot);
        ssh = gateway.client();
        echo = new TcpEchoServer();
        aliceKey = SshIdentity.generateIn(dir, "alice_ed25519", "ed25519", 0);
        controlPlane.putReady("alice", aliceKey.publicLine(), "alice", container);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable started : new AutoCloseable[] {echo, container, gateway, controlPlane}) {
            if (started != null) {
                started.close();
            }
        }
    }

    @Test
    void execRelaysOutputAsTheProfilesLinuxUser() throws Exception {
        Result result = ssh.ssh(aliceKey, "alice", "echo user=$USER; echo hi; echo oops >&2");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("user=alice\nhi\n"), result::toString);
        assertTrue(result.stderr().contains("oops"), result::toString);
        // upstream as the profile's Linux user (this login may reuse the connection of an earlier login of alice's)
        assertTrue(container.logins().contains("alice"), container.logins()::toString);
        assertTrue(controlPlane.connectedDevices().stream().anyMatch(id -> id.startsWith("device-alice")),
                "the login is reported to the control plane: " + controlPlane.connectedDevices());
    }

    @Test
    void theLoginNameChoosesTheProfile() throws Exception {
        SshIdentity key = SshIdentity.generateIn(dir, "work_ed25519", "ed25519", 0);
        controlPlane.putReady("work", key.publicLine(), "work", container);
        Result result = ssh.ssh(key, "work", "echo $USER");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("work\n", result.stdout());
        // the same key under another login name is not a profile of its account
        Result other = ssh.ssh(key, "alice", "true");
        assertEquals(255, other.exitCode(), other::toString);
    }

    @Test
    void exitStatusIsTheCommandsStatus() throws Exception {
        Result result = ssh.ssh(aliceKey, "alice", "exit 3");
        assertEquals(3, result.exitCode(), result::toString);
    }

    @Test
    void stdinReachesTheCommandAndItsEndIsPassedOn() throws Exception {
        Result result = ssh.ssh(aliceKey, "alice", List.of(), "wc -l", Proc.Input.text("one\ntwo\nthree\n"), Map.of(),
                Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("3", result.stdout().strip());
    }

    @Test
    void largeOutputArrivesComplete() throws Exception {
        Result result = ssh.ssh(aliceKey, "alice", "seq 1 200000");
        assertEquals(0, result.exitCode(), result.stderr());
        String[] lines = result.stdout().split("\n");
        assertEquals(200000, lines.length);
        assertEquals("200000", lines[lines.length - 1]);
    }

    @Test
    void interactiveShellWithAPty() throws Exception {
        Result result = ssh.ssh(aliceKey, "alice", List.of("-tt"), null,
                Proc.Input.text("echo pty-is-$TERM\nexit 7\n"), Map.of("TERM", "xterm-spoq"), Duration.ofSeconds(30));
        assertEquals(7, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("pty-is-xterm-spoq"), result::toString);
    }

    @Test
    void localeEnvironmentIsPassedOn() throws Exception {
        Result result = ssh.ssh(aliceKey, "alice", List.of("-o", "SendEnv=LANG LC_* SECRET_*"),
                "echo lang=$LANG time=$LC_TIME secret=$SECRET_THING", Proc.Input.NONE,
                Map.of("LANG", "C.UTF-8", "LC_TIME", "en_GB.UTF-8", "SECRET_THING", "x"), Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("lang=C.UTF-8 time=en_GB.UTF-8 secret=", result.stdout().strip());
    }

    @Test
    void sftpAndScpGoThroughTheSftpSubsystem() throws Exception {
        Path local = Files.writeString(dir.resolve("upload.txt"), "hello over sftp\n".repeat(1000));
        Path batch = Files.writeString(dir.resolve("batch"), "put " + local + " uploaded.txt\nls\n");
        Result put = ssh.sftp(aliceKey, "alice", batch);
        assertEquals(0, put.exitCode(), put::toString);
        assertEquals(Files.readString(local), Files.readString(dir.resolve("container-files/uploaded.txt")));

        Path copy = dir.resolve("downloaded.txt");
        Result get = ssh.scp(aliceKey, List.of(), OpenSsh.remote("alice", "uploaded.txt"), copy.toString());
        assertEquals(0, get.exitCode(), get::toString);
        assertEquals(Files.readString(local), Files.readString(copy));
    }

    @Test
    void localPortForwardingReachesTheContainersSide() throws Exception {
        int localPort = Ports.freeLoopbackPort();
        Process tunnel = ssh.sshInBackground(aliceKey, "alice", List.of("-N", "-o", "ExitOnForwardFailure=yes",
                "-L", "127.0.0.1:" + localPort + ":127.0.0.1:" + echo.port()), dir.resolve("tunnel.log"));
        try {
            String answer = await("an answer through the tunnel").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> pingThrough(localPort), java.util.Objects::nonNull);
            assertEquals("ping through the tunnel\n", answer, () -> readQuietly(dir.resolve("tunnel.log")));
        } finally {
            tunnel.destroy();
            tunnel.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void stdioForwardingPassesEndOfInputBothWays() throws Exception {
        Result result = ssh.ssh(aliceKey, "alice", List.of("-W", "127.0.0.1:" + echo.port()), null,
                Proc.Input.text("echo me back\n"), Map.of(), Duration.ofSeconds(20));
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("echo me back\n", result.stdout());
    }

    @Test
    void passwordAndKeyboardInteractiveAreNotOffered() throws Exception {
        Path askpass = Files.writeString(dir.resolve("askpass.sh"), "#!/bin/sh\ntouch " + dir.resolve("asked") + "\necho secret\n");
        askpass.toFile().setExecutable(true);
        for (String method : List.of("password", "keyboard-interactive")) {
            Result result = ssh.ssh(null, "alice", List.of("-o", "BatchMode=no", "-o", "PreferredAuthentications=" + method,
                    "-o", "PasswordAuthentication=yes", "-o", "KbdInteractiveAuthentication=yes", "-o", "NumberOfPasswordPrompts=1"),
                    "true", Proc.Input.NONE, Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force", "DISPLAY", ":0"),
                    Duration.ofSeconds(20));
            assertEquals(255, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("Permission denied (publickey)"), result::toString);
        }
        assertFalse(Files.exists(dir.resolve("asked")), "the client was never asked for a password");
    }

    @Test
    void unknownKeyGetsAPlainFailure() throws Exception {
        SshIdentity stranger = SshIdentity.generateIn(dir, "stranger", "ed25519", 0);
        Result result = ssh.ssh(stranger, "alice", "true");
        assertEquals(255, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("Permission denied (publickey)"), result::toString);
        assertFalse(result.stderr().toLowerCase().contains("spoq"), "no banner for unknown keys: " + result);
    }

    @Test
    void removedDeviceIsRefusedWithinFiveSeconds() throws Exception {
        SshIdentity key = SshIdentity.generateIn(dir, "laptop", "ed25519", 0);
        String line = key.publicLine();
        controlPlane.putReady("alice", line, "alice", container);
        assertEquals(0, ssh.ssh(key, "alice", "true").exitCode());

        controlPlane.remove("alice", line);
        long removedAt = System.nanoTime();
        Result result = await("refused after the removal").atMost(Duration.ofSeconds(8)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).until(() -> ssh.ssh(key, "alice", "true"), attempt -> attempt.exitCode() != 0);
        long refusedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - removedAt);
        assertEquals(255, result.exitCode(), result::toString);
        assertTrue(refusedAfter <= 5000, "refused after " + refusedAfter + " ms");
    }

    @Test
    void rsaAndEcdsaKeysWorkShortRsaDoesNot() throws Exception {
        for (String[] type : new String[][] {{"rsa", "3072"}, {"ecdsa", "256"}, {"ecdsa", "521"}}) {
            SshIdentity key = SshIdentity.generateIn(dir, "key_" + type[0] + type[1], type[0], Integer.parseInt(type[1]));
            controlPlane.putReady("alice", key.publicLine(), "alice", container);
            Result result = ssh.ssh(key, "alice", "echo ok");
            assertEquals("ok\n", result.stdout(), () -> String.join("/", type) + " " + result);
        }
        SshIdentity shortRsa = SshIdentity.generateIn(dir, "key_rsa1024", "rsa", 1024);
        controlPlane.putReady("alice", shortRsa.publicLine(), "alice", container);
        Result refused = ssh.ssh(shortRsa, "alice", "echo ok");
        assertEquals(255, refused.exitCode(), refused::toString);
    }

    @Test
    void suspendedComputerIsExplainedInABanner() throws Exception {
        SshIdentity key = SshIdentity.generateIn(dir, "suspended_key", "ed25519", 0);
        controlPlane.putRefused("alice", key.publicLine(),
                "Your Spoq computer is suspended because the subscription is not active.\nYour files are kept.");
        long started = System.nanoTime();
        Result result = ssh.ssh(key, "alice", "true");
        assertEquals(255, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("suspended"), result::toString);
        assertTrue(result.stderr().contains("Your files are kept."), () -> "every line of the message: " + result);
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "no hang");
    }

    @Test
    void failedComputerShowsTheControlPlanesReason() throws Exception {
        SshIdentity key = SshIdentity.generateIn(dir, "failed_key", "ed25519", 0);
        controlPlane.putRefused("alice", key.publicLine(),
                "Your Spoq computer could not be started: image pull failed: no space left on node.\nWe are on it.");
        Result result = ssh.ssh(key, "alice", "true");
        assertEquals(255, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("could not be started: image pull failed: no space left on node"), result::toString);
    }

    @Test
    void aNoticeOnAReadyRouteIsShownAndTheUserLands() throws Exception {
        SshIdentity key = SshIdentity.generateIn(dir, "past_due_key", "ed25519", 0);
        controlPlane.putReady("alice", key.publicLine(), "alice", container)
                .put("message", "Notice: the last payment for your Spoq subscription failed.");
        Result result = ssh.ssh(key, "alice", "echo landed");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("landed\n", result.stdout());
        assertTrue(result.stderr().contains("Notice: the last payment for your Spoq subscription failed."), result::toString);
    }

    @Test
    void startingComputerIsAwaitedThenTheUserLands() throws Exception {
        SshIdentity key = SshIdentity.generateIn(dir, "early_key", "ed25519", 0);
        String line = key.publicLine();
        controlPlane.putStarting("alice", line, "Starting your Spoq computer... this usually takes a few seconds.");
        Thread flip = later(2500, () -> controlPlane.putReady("alice", line, "alice", container));
        Result result = ssh.ssh(key, "alice", "echo landed");
        flip.join();
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("Starting your Spoq computer"), result::toString);
        assertEquals("landed\n", result.stdout());
    }

    @Test
    void aComputerThatFailsWhileTheUserWaitsEndsTheSessionWithTheReason() throws Exception {
        SshIdentity key = SshIdentity.generateIn(dir, "fails_later_key", "ed25519", 0);
        String line = key.publicLine();
        controlPlane.putStarting("alice", line, "Starting your Spoq computer... this usually takes a few seconds.");
        Thread flip = later(1500, () -> controlPlane.putRefused("alice", line, "Your Spoq computer could not be started: out of disk."));
        Result result = ssh.ssh(key, "alice", "echo landed");
        flip.join();
        assertEquals(255, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("could not be started: out of disk"), result::toString);
    }

    @Test
    void unexpectedContainerHostKeyIsRefused() throws Exception {
        SshIdentity key = SshIdentity.generateIn(dir, "mitm_key", "ed25519", 0);
        ObjectNode route = controlPlane.putReady("alice", key.publicLine(), "alice", container);
        route.putArray("host_keys").add(key.publicLine()); // some other key than the container's
        Result result = ssh.ssh(key, "alice", "true");
        assertEquals(255, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("not answering"), result::toString);
    }

    @Test
    void metricsCountConnections() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI metrics = URI.create("http://127.0.0.1:" + gateway.gateway().metricsPort() + "/metrics");
        long before = counter(http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body(),
                "ssh_connections_total");
        assertEquals(0, ssh.ssh(aliceKey, "alice", "true").exitCode());
        String after = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(counter(after, "ssh_connections_total") >= before + 1, after);
        assertTrue(after.contains("# TYPE ssh_connections_active gauge"), after);
        assertTrue(counter(after, "ssh_bytes_relayed_total{direction=\"to_client\"}") > 0, after);
        assertTrue(after.contains("ssh_auth_failures_total{reason=\"unknown_key\"}"), after);
    }

    /** Sends a line to the local end of the tunnel; what came back, null when the connection ended first. */
    private static String pingThrough(int localPort) throws java.io.IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", localPort), 1000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("ping through the tunnel\n".getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            byte[] buffer = new byte[64];
            int n = socket.getInputStream().read(buffer);
            return n > 0 ? new String(buffer, 0, n, StandardCharsets.UTF_8) : null;
        }
    }

    /** A sample's value; the Prometheus client writes every value as a double ({@code 3.0}, {@code 4.2E7}). */
    private static long counter(String exposition, String series) {
        return exposition.lines().filter(line -> line.startsWith(series + " "))
                .mapToLong(line -> (long) Double.parseDouble(line.split(" ")[1]))
                .findFirst().orElseThrow(() -> new AssertionError(series + " missing in\n" + exposition));
    }

    /** Runs {@code change} on a thread of its own after {@code millis} (the control plane changing its answer). */
    private static Thread later(long millis, Runnable change) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            change.run();
        });
        thread.start();
        return thread;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** A TCP echo service on the container's side of the tunnel: echoes until the peer's end of input, then closes. */
    static final class TcpEchoServer implements AutoCloseable {
        private final ServerSocket server;

        TcpEchoServer() throws java.io.IOException {
            server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        Thread worker = new Thread(() -> echo(socket), "echo-worker");
                        worker.setDaemon(true);
                        worker.start();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            }, "echo-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void echo(Socket socket) {
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                in.transferTo(out);
            } catch (java.io.IOException ignored) {
                // the test's side went away
            }
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }
}
