package dev.spoq.cloud.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A task the runtime calls "running" may not have its sshd listening yet; a user is only let in
 * (status "running") once the port answers with an SSH banner.
 */
final class SshdReadiness {

    private SshdReadiness() {
    }

    static void await(String host, int port, Instant deadline) {
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
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
