package dev.spoq.cloud.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A task the runtime calls "running" may not have its sshd listening yet; a user is only let in
 * (status "running") once the port answers with an SSH banner.
 */
final class SshdReadiness {

    private SshdReadiness() {
    }

    /**
     * While a new container's published port is mapped but its network not yet up, the node drops connection attempts
     * instead of refusing them, and TCP sends its next SYN only after a second: so the first seconds try again every
     * {@value #EARLY_CONNECT_TIMEOUT_MS} ms with a new connection (nodes of a swarm are a LAN apart), later with the
     * patience a busy node may need.
     */
    private static final int EARLY_CONNECT_TIMEOUT_MS = 50;
    private static final Duration EARLY = Duration.ofSeconds(5);
    private static final int LATE_CONNECT_TIMEOUT_MS = 1000;

    static void await(String host, int port, Instant deadline) {
        String last = "no answer";
        Instant lateAfter = Instant.now().plus(EARLY);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port),
                        Instant.now().isBefore(lateAfter) ? EARLY_CONNECT_TIMEOUT_MS : LATE_CONNECT_TIMEOUT_MS);
                socket.setSoTimeout(1000);
                InputStream in = socket.getInputStream();
                byte[] banner = in.readNBytes(4);
                if ("SSH-".equals(new String(banner, StandardCharsets.US_ASCII))) {
                    return;
                }
                last = "not an SSH server";
            } catch (IOException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(20); // a refused connect costs nothing: look again soon
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeUnavailable("Interrupted while waiting for sshd on " + host + ":" + port, e);
            }
        }
        throw new RuntimeUnavailable("sshd on " + host + ":" + port + " did not answer in time (" + last + ")");
    }
}
