package dev.spoq.cloud.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for sshid.io, shared by every test of the JVM: the server under test is configured with
 * {@code spoq.sshid.base-url = http://127.0.0.1:<spoq.it.sshid.port>} and fetches {@code /<code>} from here.
 * Tests register a unique code with the answer it should get ({@link #serve(Answer)}); unknown codes get 404.
 */
public final class SshIdStandIn {

    private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    private static HttpServer server;

    private SshIdStandIn() {
    }

    /** What the stand-in answers for one code. */
    public sealed interface Answer {
        /** 200 text/plain with this body (an authorized_keys style key set). */
        record Keys(String body) implements Answer {
        }

        /** This status with a short text body. */
        record Status(int status) implements Answer {
        }

        /** Waits, then answers 200 with the body (if the client is still there). */
        record Slow(Duration delay, String body) implements Answer {
        }

        /** 200 with a body of at least this many bytes, made of valid key lines; chunked or with Content-Length. */
        record Huge(int bytes, String repeatedLine, boolean chunked) implements Answer {
        }

        /** 302 to another path of the stand-in. */
        record Redirect(String location) implements Answer {
        }

        /** Closes the connection without any answer (ssh.id "down"). */
        record Drop() implements Answer {
        }
    }

    /** Starts the stand-in if needed, registers the answer under a fresh unique code and returns the code. */
    public static String serve(Answer answer) {
        String code = Unique.sshIdCode();
        serve(code, answer);
        return code;
    }

    public static void serve(String code, Answer answer) {
        ensureStarted();
        ANSWERS.put(code, answer);
    }

    /** How many requests the stand-in got for this code so far. */
    public static int requestsFor(String code) {
        AtomicInteger count = REQUESTS.get(code);
        return count == null ? 0 : count.get();
    }

    public static synchronized void ensureStarted() {
        if (server != null) {
            return;
        }
        int port = Integer.parseInt(System.getProperty("spoq.it.sshid.port", "18089"));
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
            created.createContext("/", SshIdStandIn::handle);
            created.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "sshid-stand-in");
                thread.setDaemon(true);
                return thread;
            }));
            startAsDaemon(created);
            server = created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the ssh.id stand-in on 127.0.0.1:" + port, e);
        }
    }

    /** The dispatcher thread inherits daemon status from the starting thread: a daemon never keeps the JVM alive. */
    private static void startAsDaemon(HttpServer created) {
        Thread starter = new Thread(created::start, "sshid-stand-in-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String code = exchange.getRequestURI().getPath().replaceFirst("^/+", "").replaceFirst("/+$", "");
        REQUESTS.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
        Answer answer = ANSWERS.get(code);
        try {
            if (answer == null) {
                respond(exchange, 404, "Not Found\n");
            } else if (answer instanceof Answer.Keys keys) {
                respond(exchange, 200, keys.body());
            } else if (answer instanceof Answer.Status status) {
                respond(exchange, status.status(), "stand-in status " + status.status() + "\n");
            } else if (answer instanceof Answer.Slow slow) {
                sleep(slow.delay());
                respond(exchange, 200, slow.body());
            } else if (answer instanceof Answer.Huge huge) {
                respondHuge(exchange, huge);
            } else if (answer instanceof Answer.Redirect redirect) {
                exchange.getResponseHeaders().set("Location", redirect.location());
                respond(exchange, 302, "");
            } else if (answer instanceof Answer.Drop) {
                exchange.close();
            }
        } catch (IOException clientGone) {
            // the server under test gave up (timeout, size limit): that is what some tests provoke
        } finally {
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void respondHuge(HttpExchange exchange, Answer.Huge huge) throws IOException {
        byte[] line = (huge.repeatedLine() + "\n").getBytes(StandardCharsets.UTF_8);
        int lines = huge.bytes() / line.length + 1;
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, huge.chunked() ? 0 : (long) lines * line.length);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < lines; i++) {
                out.write(line);
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
