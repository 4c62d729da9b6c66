package dev.spoq.cloud.it.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.Unique;
import dev.spoq.cloud.it.support.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user does through the SSH gateway, with the real OpenSSH client against a real computer: run
 * commands (output, exit status, exit signal, LANG), type into a terminal, copy files with scp and sftp, forward
 * a port with {@code ssh -L}; the device's last_connected_at and the gateway's metrics follow; the gateway's host
 * key survives a restart. One computer, one gateway process, walked through in order.
 */
@ExtendWith(ComputerCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewaySessionIT {

    private static final ApiClient api = new ApiClient();

    /** Started before the set-up: it writes its upstream key, which the platform puts into the computer's accounts. */
    @RegisterExtension
    static final GatewayProcess gateway = new GatewayProcess();
    private static final OpenSsh ssh = gateway.client();
    @TempDir
    static Path dir;
    private static Subscriber alice;
    private static int logins;
    /** The web server inside the computer and the ssh -L to it (tests 10 and 11). */
    private static int httpPort;
    private static String www;
    private static int forwardPort;
    private static Process forward;

    @BeforeAll
    static void claimAComputer() {
        alice = Subscriber.claim(api, "g");
    }

    @AfterAll
    static void stopTheForwardAndTheWebServer() {
        if (forward != null) {
            forward.destroyForcibly();
        }
        if (www != null && gateway.alive()) {
            login("kill $(cat " + www + ".pid)");
        }
    }

    @Test
    @Order(1)
    void theComputerRunsAndItsDeviceHasNeverConnected() {
        long started = System.nanoTime();
        alice.awaitRunning(GatewayProcess.COMPUTER_START);
        System.out.printf("[GatewaySessionIT] %s running after %.1f s%n", alice.subdomain(), (System.nanoTime() - started) / 1e9);

        JsonNode device = device(alice.deviceId());
        assertTrue(device.has("last_connected_at") && device.get("last_connected_at").isNull(),
                "before any login last_connected_at is null: " + device);
    }

    @Test
    @Order(2)
    void aCommandPrintsTheProfilesUserAndTheComputersHostname() {
        // the device's first login answers its pairing code once; every later one is the key alone
        Proc.Result result = alice.firstLogin(ssh, "id -un; hostname", OpenSsh.DEFAULT_TIMEOUT);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(alice.username() + "\n" + alice.subdomain(), result.stdout().strip(), result::toString);
    }

    @Test
    @Order(3)
    void theLoginSetsTheDevicesLastConnectedAt() {
        JsonNode device = await("last_connected_at set for " + alice.deviceId()).atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> device(alice.deviceId()), d -> d.hasNonNull("last_connected_at"));

        assertFalse(device.get("last_connected_at").asText().isBlank(), device::toString);
    }

    @Test
    @Order(4)
    void theRemoteExitStatusComesBack() {
        Proc.Result three = login("exit 3");
        Proc.Result zero = login("true");
        Proc.Result shellFalse = login("false");

        assertEquals(3, three.exitCode(), three::toString);
        assertEquals(0, zero.exitCode(), zero::toString);
        assertEquals(1, shellFalse.exitCode(), shellFalse::toString);
    }

    @Test
    @Order(5)
    void aCommandKilledByASignalReportsTheSignalLikeTheComputersOwnSshd() {
        // OpenSSH's client shows an exit-signal only in its debug output; compare with the computer's own sshd
        OpenSsh direct = OpenSsh.pinnedToWhatAnswers(alice.sshPort(), dir);
        Proc.Result viaGateway = ssh.ssh(alice.identity(), alice.username(), List.of("-v"), "kill -TERM $$", Proc.Input.NONE,
                Map.of(), OpenSsh.DEFAULT_TIMEOUT);
        logins++;
        Proc.Result directly = direct.ssh(alice.identity(), alice.username(), List.of("-v"), "kill -TERM $$", Proc.Input.NONE,
                Map.of(), OpenSsh.DEFAULT_TIMEOUT);

        assertTrue(directly.stderr().contains("rtype exit-signal"), () -> "the computer's sshd sends exit-signal: " + directly);
        assertTrue(viaGateway.stderr().contains("rtype exit-signal"), () -> "the gateway relays exit-signal: " + viaGateway);
        assertFalse(viaGateway.stderr().contains("rtype exit-status"), viaGateway::toString);
        assertEquals(directly.exitCode(), viaGateway.exitCode(), () -> "direct: " + directly + "\nvia gateway: " + viaGateway);
    }

    @Test
    @Order(6)
    void langAndLcVariablesArePassedOnAndOthersAreNot() {
        Proc.Result result = ssh.ssh(alice.identity(), alice.username(),
                List.of("-o", "SetEnv=LANG=fr_FR.UTF-8 LC_TIME=de_DE.UTF-8 SPOQ_IT_OTHER=leak"),
                "echo \"$LANG|$LC_TIME|${SPOQ_IT_OTHER-unset}\"", Proc.Input.NONE, Map.of(), OpenSsh.DEFAULT_TIMEOUT);
        logins++;

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("fr_FR.UTF-8|de_DE.UTF-8|unset", result.stdout().strip(), result::toString);
    }

    @Test
    @Order(7)
    void anInteractiveTerminalEchoesWhatIsTypedAndRunsIt() {
        String token = Unique.alnum(12);
        // typed as a user would; "$((40+2))" shows that the shell ran the line rather than only echoing it
        String typed = "echo typed-$((40+2))-" + token + "; echo term=$TERM tty=$(tty | cut -c1-8)\nexit\n";

        Proc.Result result = ssh.ssh(alice.identity(), alice.username(), List.of("-tt"), null, Proc.Input.typed(typed),
                Map.of("TERM", "xterm-256color"), Duration.ofSeconds(30));
        logins++;

        assertFalse(result.timedOut(), result::toString);
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("echo typed-$((40+2))-" + token), () -> "the terminal echoes the typed line: " + result);
        assertTrue(result.stdout().contains("typed-42-" + token), () -> "the shell ran the typed line: " + result);
        assertTrue(result.stdout().contains("term=xterm-256color tty=/dev/pts"),
                () -> "a pty of the client's terminal type: " + result);
    }

    @Test
    @Order(8)
    void scpOfTwentyMegabytesUpAndDownArrivesIntact() throws IOException {
        Path original = dir.resolve("random-20m.bin");
        byte[] bytes = new byte[20 * 1024 * 1024];
        new SecureRandom().nextBytes(bytes);
        Files.write(original, bytes);
        String sha = sha256(original);
        String user = alice.username();

        Proc.Result up = ssh.scp(alice.identity(), List.of(), original.toString(), OpenSsh.remote(user, "upload-20m.bin"));
        logins++;
        assertEquals(0, up.exitCode(), up::toString);
        Proc.Result remoteSum = login("sha256sum upload-20m.bin");
        assertEquals(sha, remoteSum.stdout().split("\\s+")[0], () -> "uploaded file differs: " + remoteSum);

        Path down = dir.resolve("down-20m.bin");
        Proc.Result back = ssh.scp(alice.identity(), List.of(), OpenSsh.remote(user, "upload-20m.bin"), down.toString());
        logins++;
        assertEquals(0, back.exitCode(), back::toString);
        assertEquals(sha, sha256(down), "downloaded file differs (scp over sftp)");

        // the legacy scp protocol (-O): the file travels through an exec channel ("scp -f") instead
        Path legacy = dir.resolve("down-legacy-20m.bin");
        Proc.Result old = ssh.scp(alice.identity(), List.of("-O"), OpenSsh.remote(user, "upload-20m.bin"), legacy.toString());
        logins++;
        assertEquals(0, old.exitCode(), old::toString);
        assertEquals(sha, sha256(legacy), "downloaded file differs (scp -O)");
        System.out.printf("[GatewaySessionIT] scp 20 MB: up %d ms, down %d ms, down -O %d ms%n", up.millis(), back.millis(),
                old.millis());
    }

    @Test
    @Order(9)
    void sftpListsTheHomeDirectory() throws IOException {
        String marker = "sftp-marker-" + Unique.alnum(8);
        assertEquals(0, login("touch " + marker).exitCode());
        Path batch = dir.resolve("sftp-batch");
        Files.writeString(batch, "pwd\nls -1\n");

        Proc.Result result = ssh.sftp(alice.identity(), alice.username(), batch);
        logins++;

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("Remote working directory: /home/" + alice.username()), result::toString);
        Set<String> listed = Set.copyOf(result.stdout().lines().map(String::strip).toList());
        assertTrue(listed.contains(marker), () -> "the listing shows " + marker + ": " + result);
    }

    @Test
    @Order(10)
    void localPortForwardingReachesAServerInsideTheComputer() {
        String token = Unique.alnum(16);
        httpPort = 20000 + ThreadLocalRandom.current().nextInt(20000);
        www = "www-" + token;
        // a web server inside the computer, on the computer's own localhost
        Proc.Result server = login("mkdir -p " + www + " && echo " + token + " > " + www + "/hello.txt && cd " + www
                + " && (nohup python3 -m http.server " + httpPort + " --bind 127.0.0.1 > ../" + www + ".log 2>&1 < /dev/null &"
                + " echo $! > ../" + www + ".pid)");
        assertEquals(0, server.exitCode(), server::toString);
        await("the web server answering inside the computer").atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> login("curl -sf http://127.0.0.1:" + httpPort + "/hello.txt"), r -> r.ok() && r.stdout().strip().equals(token));

        forwardPort = Ports.freeLoopbackPort();
        Path forwardLog = dir.resolve("forward.log");
        forward = ssh.sshInBackground(alice.identity(), alice.username(),
                List.of("-v", "-N", "-o", "ExitOnForwardFailure=yes", "-L", forwardPort + ":127.0.0.1:" + httpPort), forwardLog);
        logins++;
        RawHttp.Exchange first = await("an answer through ssh -L on " + forwardPort).atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> {
                    if (!forward.isAlive()) {
                        throw new AssertionError("ssh -L exited: " + readQuietly(forwardLog));
                    }
                    return RawHttp.get(forwardPort, "/hello.txt", Duration.ofSeconds(5), Duration.ofMillis(100));
                }, RawHttp.Exchange::answered);

        assertTrue(first.text().startsWith("HTTP/1.0 200"), first::text);
        assertEquals(token, first.body().strip(), first::text);
        // more connections through the same forward, one after the other: each is a new direct-tcpip channel
        for (int i = 0; i < 3; i++) {
            int connection = i;
            RawHttp.Exchange next = RawHttp.get(forwardPort, "/", Duration.ofSeconds(5), Duration.ofMillis(100));
            assertTrue(next.answered() && next.body().contains("hello.txt"), () -> "connection " + connection + " through the forward: '"
                    + next.text() + "'; ssh -L " + (forward.isAlive() ? "runs" : "exited") + ", its log: " + readQuietly(forwardLog));
        }
    }

    @Test
    @Order(11)
    void theServersCloseOfAForwardedConnectionReachesTheClientAsWithTheComputersOwnSshd() {
        // python's http.server answers HTTP/1.0 and closes the connection; the client must see that EOF, as it
        // does through the computer's own sshd (a client reading "until the server closes" would hang otherwise)
        assertTrue(forward != null && forward.isAlive(), () -> "the forward of the previous test runs: "
                + readQuietly(dir.resolve("forward.log")));
        OpenSsh direct = OpenSsh.pinnedToWhatAnswers(alice.sshPort(), dir);
        int directForwardPort = Ports.freeLoopbackPort();
        Process directForward = direct.sshInBackground(alice.identity(), alice.username(),
                List.of("-N", "-o", "ExitOnForwardFailure=yes", "-L", directForwardPort + ":127.0.0.1:" + httpPort),
                dir.resolve("forward-direct.log"));
        try {
            RawHttp.Exchange directly = await("an answer through the direct ssh -L").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> RawHttp.get(directForwardPort, "/hello.txt", Duration.ofSeconds(5), Duration.ofSeconds(10)),
                            RawHttp.Exchange::answered);
            RawHttp.Exchange viaGateway = RawHttp.get(forwardPort, "/hello.txt", Duration.ofSeconds(5), Duration.ofSeconds(10));
            System.out.printf("[GatewaySessionIT] EOF after the answer: direct %d ms, via the gateway %d ms (-1: none in 10 s)%n",
                    directly.eofMillis(), viaGateway.eofMillis());

            assertTrue(directly.closedByServer(), () -> "control: the computer's own sshd passes the close on: " + directly);
            assertTrue(viaGateway.answered(), viaGateway::toString);
            assertTrue(viaGateway.closedByServer(), () -> "the server inside the computer closed the connection after its answer, "
                    + "but through the gateway the client saw no EOF within 10 s (directly: " + directly.eofMillis() + " ms)");
        } finally {
            directForward.destroy();
        }
    }

    @Test
    @Order(12)
    void theMetricsCountTheConnectionsLoginsAndBytes() {
        Map<String, Double> metrics = gateway.metrics();

        double total = metrics.getOrDefault("ssh_connections_total", 0.0);
        assertTrue(total > 0, () -> "ssh_connections_total > 0: " + metrics);
        assertTrue(total >= logins, () -> "at least the " + logins + " logins of this class: " + metrics);
        assertTrue(metrics.getOrDefault("ssh_logins_total", 0.0) >= logins, () -> logins + " logins: " + metrics);
        assertTrue(metrics.containsKey("ssh_connections_active"), () -> "ssh_connections_active: " + metrics);
        double toComputer = metrics.getOrDefault("ssh_bytes_relayed_total{direction=\"to_computer\"}", 0.0);
        double toClient = metrics.getOrDefault("ssh_bytes_relayed_total{direction=\"to_client\"}", 0.0);
        assertTrue(toComputer >= 20 * 1024 * 1024, () -> "20 MB went up: " + metrics);
        assertTrue(toClient >= 2 * 20 * 1024 * 1024, () -> "40 MB came down: " + metrics);
        System.out.println("[GatewaySessionIT] metrics: " + metrics);
    }

    @Test
    @Order(13)
    void theHostKeysAreTheSameAfterARestartAndTheOldKnownHostsStillWorks() {
        Set<String> before = gateway.hostKeys();
        Set<String> types = Set.copyOf(before.stream().map(k -> k.split(" ")[0]).toList());
        assertEquals(Set.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"), types, () -> "ed25519, ecdsa and rsa: " + before);
        long pidBefore = gateway.pid();

        gateway.restart();

        assertNotEquals(pidBefore, gateway.pid(), "a new process");
        assertEquals(before, gateway.hostKeys(), "the host keys after a restart on the same data directory");
        // the known_hosts file written before the restart, with StrictHostKeyChecking=yes
        Proc.Result result = login("id -un");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(alice.username(), result.stdout().strip());
        assertFalse(result.stderr().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), result::toString);
    }

    private static Proc.Result login(String command) {
        logins++;
        return ssh.ssh(alice.identity(), alice.username(), command);
    }

    private static JsonNode device(String deviceId) {
        for (JsonNode device : alice.account().devices().expect(200).path("devices")) {
            if (deviceId.equals(device.path("device_id").asText())) {
                return device;
            }
        }
        throw new AssertionError("no device " + deviceId + " in GET /api/devices");
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
