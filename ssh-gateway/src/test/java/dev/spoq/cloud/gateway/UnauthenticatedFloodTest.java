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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten hostile addresses (127.0.0.2 to 127.0.0.11) each hold as many unauthenticated connections as the gateway
 * lets them; a real login from 127.0.0.1, with the real OpenSSH client, still lands within 2 s.
 */
class UnauthenticatedFloodTest {
    private static final int HOSTILE_ADDRESSES = 10;
    /** More than an address may start in a minute (30): each one tries until the gateway stops it. */
    private static final int ATTEMPTS_PER_ADDRESS = 40;

    @TempDir
    Path dir;

    private StandInControlPlane controlPlane;
    private RunningGateway gateway;
    private StandInContainer container;
    private final List<Socket> held = new ArrayList<>();

    @BeforeEach
    void startControlPlane() throws IOException {
        controlPlane = new StandInControlPlane();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : held) {
            socket.close();
        }
        if (container != null) {
            container.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        controlPlane.close();
    }

    @Test
    void tenAddressesHoldingEverySlotTheyCanDoNotKeepALoginOut() throws Exception {
        SshIdentity alice = start(Map.of());

        int[] perAddress = holdAsManyAsTheyCan();

        for (int i = 0; i < HOSTILE_ADDRESSES; i++) {
            assertEquals(10, perAddress[i], "127.0.0." + (i + 2) + " holds its share and no more");
        }
        assertEquals(100, gateway.gateway().unauthenticatedConnections());
        assertLoginWithinTwoSeconds(alice);
    }

    @Test
    void onceHalfTheGlobalBoundIsHeldEachAddressGetsOnlyAFewMore() throws Exception {
        SshIdentity alice = start(Map.of("spoq.gateway.limits.max-unauthenticated", "40"));

        int[] perAddress = holdAsManyAsTheyCan();

        // the first two addresses take 10 each (half of 40); every later one gets 2, so ten cannot fill it
        assertEquals(10, perAddress[0]);
        assertEquals(10, perAddress[1]);
        for (int i = 2; i < HOSTILE_ADDRESSES; i++) {
            assertEquals(2, perAddress[i], "127.0.0." + (i + 2) + " once the gateway is busy");
        }
        assertEquals(36, gateway.gateway().unauthenticatedConnections());
        assertLoginWithinTwoSeconds(alice);
    }

    private SshIdentity start(Map<String, String> settings) throws Exception {
        gateway = RunningGateway.start(dir.resolve("gw"), controlPlane.url(), settings);
        container = new StandInContainer(KeyFiles.load(gateway.dataDir().resolve("upstream_ed25519")).getPublic(),
                Set.of("alice"), Files.createDirectories(dir.resolve("files")));
        SshIdentity alice = SshIdentity.generateIn(dir, "alice", "ed25519", 0);
        controlPlane.putReady("alice", alice.publicLine(), "alice", container);
        // one login before the flood: the JVM's first handshake (class loading, JIT) is not what is measured
        Result warmUp = gateway.client().ssh(alice, "alice", "true");
        assertEquals(0, warmUp.exitCode(), warmUp::toString);
        return alice;
    }

    /** Each hostile address connects until the gateway closes its attempts; returns how many each holds. */
    private int[] holdAsManyAsTheyCan() throws IOException {
        int[] holding = new int[HOSTILE_ADDRESSES];
        for (int i = 0; i < HOSTILE_ADDRESSES; i++) {
            InetAddress from = InetAddress.getByName("127.0.0." + (i + 2));
            for (int attempt = 0; attempt < ATTEMPTS_PER_ADDRESS; attempt++) {
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress(from, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 2000);
                socket.setSoTimeout(5000);
                String line = ConnectionLimitsTest.firstLine(socket);
                if (line != null && line.startsWith("SSH-2.0-")) {
                    held.add(socket);
                    holding[i]++;
                } else {
                    socket.close();
                }
            }
        }
        return holding;
    }

    private void assertLoginWithinTwoSeconds(SshIdentity alice) {
        long started = System.nanoTime();
        Result login = gateway.client().ssh(alice, "alice", "echo in");
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[UnauthenticatedFloodTest] login from 127.0.0.1 with %d connections held: %d ms%n",
                gateway.gateway().unauthenticatedConnections(), millis);
        assertEquals(0, login.exitCode(), login::toString);
        assertEquals("in\n", login.stdout());
        assertTrue(millis < 2000, "the login took " + millis + " ms");
    }
}
