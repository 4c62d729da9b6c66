package dev.spoq.cloud.sshkey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SshIdClientTest {

    private static final String KEYS = keys();

    private HttpServer server;
    private HttpServer otherHost;
    private ExecutorService handlers;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> otherHostRequests = new CopyOnWriteArrayList<>();
    private final List<String> acceptHeaders = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServers() throws IOException {
        handlers = Executors.newCachedThreadPool();
        otherHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherHost.createContext("/", exchange -> {
            otherHostRequests.add(exchange.getRequestURI().getRawPath());
            respond(exchange, 200, KEYS);
        });
        otherHost.setExecutor(handlers);
        otherHost.start();

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stopServers() {
        server.stop(0);
        otherHost.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().getRawPath());
        acceptHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept")));
        try {
            switch (exchange.getRequestURI().getRawPath()) {
                case "/alice" -> respond(exchange, 200, KEYS);
                case "/nobody" -> respond(exchange, 404, "Not Found");
                case "/broken" -> respond(exchange, 500, "Internal Server Error");
                case "/empty" -> respond(exchange, 200, "");
                case "/exactly64k" -> respond(exchange, 200, "#".repeat(64 * 1024));
                case "/huge" -> respond(exchange, 200, "ssh-ed25519 AAAA\n".repeat(1024 * 1024 / 17 + 1));
                case "/huge-chunked" -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream body = exchange.getResponseBody()) {
                        byte[] line = "ssh-ed25519 AAAA\n".getBytes(StandardCharsets.US_ASCII);
                        for (int i = 0; i < 1024 * 1024 / line.length; i++) {
                            body.write(line);
                        }
                    }
                }
                case "/slow" -> {
                    Thread.sleep(3_000);
                    respond(exchange, 200, KEYS);
                }
                case "/trickle" -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream body = exchange.getResponseBody()) {
                        for (int i = 0; i < 50; i++) {
                            body.write('#');
                            body.flush();
                            Thread.sleep(100);
                        }
                    }
                }
                case "/redirect" -> {
                    exchange.getResponseHeaders().add("Location",
                            "http://127.0.0.1:" + otherHost.getAddress().getPort() + "/alice");
                    respond(exchange, 302, "");
                }
                default -> respond(exchange, 418, "unexpected path");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientWentAway) {
            // the client under test is expected to hang up on oversized and slow answers
        } finally {
            exchange.close();
        }
    }

    /** A Termius-like answer: two real keys and a line the parser will refuse. */
    private static String keys() {
        try {
            return String.join("\n",
                    "ssh-ed25519 " + SshWire.blob().string("ssh-ed25519").string(SshWire.ed25519Raw()).base64() + " alice@laptop",
                    "ecdsa-sha2-nistp256 " + SshWire.blob().string("ecdsa-sha2-nistp256").string("nistp256")
                            .string(SshWire.ecPoint("secp256r1")).base64() + " alice@phone",
                    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC alice@work",
                    "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private SshIdClient client(Duration timeout) {
        return new SshIdClient("http://127.0.0.1:" + server.getAddress().getPort() + "/", timeout);
    }

    // ----------------------------------------------------------------

    @Test
    void returnsTheMultiLineAnswerForAKnownCode() {
        String answer = client(Duration.ofSeconds(5)).fetchKeys("alice");

        assertEquals(KEYS, answer);
        assertEquals(List.of("/alice"), requests);
        assertEquals(List.of("text/plain"), acceptHeaders);
        assertEquals(2, new PublicKeyParser().parse(answer).accepted().size(), "the answer feeds the parser");
    }

    @Test
    void emptyAndExactly64KiBAnswersAreFine() {
        assertEquals("", client(Duration.ofSeconds(5)).fetchKeys("empty"));
        assertEquals(64 * 1024, client(Duration.ofSeconds(5)).fetchKeys("exactly64k").length());
    }

    @Test
    void unknownCodeIsNotFoundOnTheCodeField() {
        SpoqProblem problem = problem(() -> client(Duration.ofSeconds(5)).fetchKeys("nobody"));

        assertEquals(ProblemKind.NOT_FOUND, problem.kind());
        assertEquals("sshid-code-unknown", problem.type());
        assertEquals("sshid_code", problem.field());
        assertEquals("ssh.id does not know the code 'nobody'. Check the code in Termius (Settings → SSH ID).",
                problem.detail());
    }

    @Test
    void serverErrorIsUpstreamFailure() {
        SpoqProblem problem = problem(() -> client(Duration.ofSeconds(5)).fetchKeys("broken"));

        assertUnavailable(problem);
        assertTrue(problem.detail().contains("HTTP 500"), problem.detail());
    }

    @Test
    void slowAnswerTimesOutWithinTheBound() {
        long start = System.nanoTime();
        SpoqProblem problem = problem(() -> client(Duration.ofSeconds(1)).fetchKeys("slow"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertUnavailable(problem);
        assertEquals("ssh.id did not answer within 1 second; try again or paste your public key instead", problem.detail());
        assertTrue(millis < 2_000, "took " + millis + " ms");
    }

    @Test
    void tricklingAnswerIsCutOffAtTheDeadline() {
        long start = System.nanoTime();
        SpoqProblem problem = problem(() -> client(Duration.ofMillis(1_000)).fetchKeys("trickle"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertUnavailable(problem);
        assertTrue(problem.detail().startsWith("ssh.id did not answer within 1 second"), problem.detail());
        assertTrue(millis < 2_000, "took " + millis + " ms; the server would have taken 5 s");
    }

    @Test
    void hugeAnswerIsRejected() {
        SpoqProblem withLength = problem(() -> client(Duration.ofSeconds(5)).fetchKeys("huge"));
        SpoqProblem chunked = problem(() -> client(Duration.ofSeconds(5)).fetchKeys("huge-chunked"));

        assertUnavailable(withLength);
        assertUnavailable(chunked);
        assertTrue(chunked.detail().contains("larger than 64 KiB"), chunked.detail());
    }

    @Test
    void redirectIsNotFollowed() {
        SpoqProblem problem = problem(() -> client(Duration.ofSeconds(5)).fetchKeys("redirect"));

        assertUnavailable(problem);
        assertTrue(problem.detail().contains("redirect (HTTP 302)"), problem.detail());
        assertEquals(List.of(), otherHostRequests);
    }

    @Test
    void unreachableServiceIsUpstreamFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        SshIdClient client = new SshIdClient("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2));

        SpoqProblem problem = problem(() -> client.fetchKeys("alice"));

        assertUnavailable(problem);
        assertTrue(problem.detail().startsWith("ssh.id could not be reached"), problem.detail());
    }

    @Test
    void invalidCodesAreRejectedBeforeAnyRequest() {
        SshIdClient client = client(Duration.ofSeconds(5));
        for (String code : new String[]{"../x", "a b", "", "a".repeat(33), "%2e%2e", null, "alice\n", "al/ice", "alïce"}) {
            SpoqProblem problem = problem(() -> client.fetchKeys(code));
            assertEquals(ProblemKind.INVALID, problem.kind(), code);
            assertEquals("sshid_code", problem.field());
            assertEquals("invalid-sshid-code", problem.type());
        }
        assertEquals(List.of(), requests);
    }

    @Test
    void validCodeShapes() {
        assertEquals("a".repeat(32), SshIdCode.requireValid("a".repeat(32)));
        assertEquals("Alice_01-x", SshIdCode.requireValid("Alice_01-x"));
    }

    @Test
    void interruptedCallerKeepsItsInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            SpoqProblem problem = problem(() -> client(Duration.ofSeconds(5)).fetchKeys("slow"));
            assertUnavailable(problem);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    private static SpoqProblem problem(Executable call) {
        return assertThrows(SpoqProblem.class, call);
    }

    private static void assertUnavailable(SpoqProblem problem) {
        assertEquals(ProblemKind.UPSTREAM_FAILED, problem.kind());
        assertEquals("sshid-unavailable", problem.type());
        assertEquals("sshid_code", problem.field());
    }
}
