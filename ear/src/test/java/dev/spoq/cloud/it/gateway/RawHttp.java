package dev.spoq.cloud.it.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.0 exchange on a plain socket, so that a test sees exactly what a forwarded TCP connection does:
 * whether the answer arrives, and whether the server's close (EOF) comes through after it. (An HTTP client
 * library hides the latter: it pools connections and times out on a half-dead one instead.)
 */
final class RawHttp {

    /**
     * @param answered   the whole answer (head and Content-Length body) arrived
     * @param eofMillis  milliseconds from the end of the answer to the end of the stream; -1 when no EOF came in time
     */
    record Exchange(String text, boolean answered, long eofMillis) {
        boolean closedByServer() {
            return eofMillis >= 0;
        }

        String body() {
            int split = text.indexOf("\r\n\r\n");
            return split < 0 ? "" : text.substring(split + 4);
        }
    }

    private RawHttp() {
    }

    /** GET path HTTP/1.0 on 127.0.0.1:port; waits up to {@code answerWithin} for the answer, then up to {@code eofWithin} for EOF. */
    static Exchange get(int port, String path, Duration answerWithin, Duration eofWithin) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            socket.setSoTimeout((int) answerWithin.toMillis());
            try {
                while (!complete(got)) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return new Exchange(got.toString(StandardCharsets.UTF_8), complete(got), 0);
                    }
                    got.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                return new Exchange(got.toString(StandardCharsets.UTF_8), false, -1);
            }
            long answered = System.nanoTime();
            socket.setSoTimeout((int) eofWithin.toMillis());
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    got.write(buffer, 0, n);
                }
                return new Exchange(got.toString(StandardCharsets.UTF_8), true, (System.nanoTime() - answered) / 1_000_000);
            } catch (SocketTimeoutException e) {
                return new Exchange(got.toString(StandardCharsets.UTF_8), true, -1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " on 127.0.0.1:" + port, e);
        }
    }

    /** Head received and as many body bytes as its Content-Length says. */
    private static boolean complete(ByteArrayOutputStream got) {
        String text = got.toString(StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            return false;
        }
        for (String line : text.substring(0, split).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                long length = Long.parseLong(line.substring("content-length:".length()).strip());
                return text.length() - split - 4 >= length;
            }
        }
        return false; // no length: only EOF ends it
    }
}
