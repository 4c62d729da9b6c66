package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.support.RunningGateway;
import dev.spoq.cloud.gateway.support.StandInControlPlane;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.Proc.Result;
import dev.spoq.cloud.it.support.SshIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The abuse limits, from one address (127.0.0.1), with raw sockets and the real ssh client. */
class ConnectionLimitsTest {
    @TempDir
    Path dir;

    private StandInControlPlane controlPlane;
    private RunningGateway gateway;

    @BeforeEach
    void startControlPlane() throws IOException {
        controlPlane = new StandInControlPlane();
    }

    @AfterEach
    void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        controlPlane.close();
    }

    @Test
    void theThirtyFirstConnectionInAMinuteIsClosedBeforeAnySshWork() throws Exception {
        gateway = RunningGateway.start(dir.resolve("gw"), controlPlane.url(), Map.of(
                "spoq.gateway.limits.max-unauthenticated-per-address", "1000"));
        for (int i = 1; i <= 30; i++) {
            try (Socket socket = connect()) {
                String line = firstLine(socket);
                assertTrue(line != null && line.startsWith("SSH-2.0-"), "connection " + i + " got " + line);
            }
        }
        try (Socket socket = connect()) {
            assertEquals(null, firstLine(socket), "the 31st connection is closed without a version line");
        }
        Result ssh = gateway.client().ssh(null, "alice", "true");
        assertEquals(255, ssh.exitCode(), ssh::toString);
        assertTrue(gateway.gateway().metrics().render().contains("ssh_connections_rejected_total{reason=\"rate_limit\"} 2"),
                gateway.gateway().metrics().render());
    }

    @Test
    void unauthenticatedConnectionsPerAddressAreBoundedAndTimeOut() throws Exception {
        gateway = RunningGateway.start(dir.resolve("gw"), controlPlane.url(), Map.of(
                "spoq.gateway.limits.connections-per-minute-per-address", "1000",
                "spoq.gateway.limits.login-grace-seconds", "3"));
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Socket socket = connect();
                idle.add(socket);
                assertTrue(firstLine(socket).startsWith("SSH-2.0-"));
            }
            try (Socket eleventh = connect()) {
                assertEquals(null, firstLine(eleventh), "an 11th unauthenticated connection from the address is refused");
            }
            // the login grace time ends the idle ones, which frees the address again
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(0, gateway.gateway().unauthenticatedConnections()));
            try (Socket again = connect()) {
                assertTrue(firstLine(again).startsWith("SSH-2.0-"));
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void tooManyAuthenticationAttemptsEndTheConnection() throws Exception {
        gateway = RunningGateway.start(dir.resolve("gw"), controlPlane.url(), Map.of());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add("-i");
            keys.add(SshIdentity.generateIn(dir, "unknown" + i, "ed25519", 0).privateKeyFile().toString());
        }
        Result result = gateway.client().ssh(null, "alice", keys, "true", Proc.Input.NONE, Map.of(), Duration.ofSeconds(30));
        assertEquals(255, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("Too many authentication failures"), result::toString);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    /** The server's identification line, or null when the server closed the connection first. */
    static String firstLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            return c < 0 && line.isEmpty() ? null : line.toString().strip();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer and no close within the timeout", e);
        } catch (IOException reset) {
            return null; // closed by the gateway
        }
    }
}
