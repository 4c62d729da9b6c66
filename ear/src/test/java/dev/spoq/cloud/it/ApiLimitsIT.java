package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.Limits;
import dev.spoq.cloud.it.support.Parallel;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Limits of the public API, counted in PostgreSQL (shared by replicas) and asserted against the values the IT
 * server runs with (ear/pom.xml): every /api call per address and per token, registrations and claims per
 * address. Bursts are sent in parallel, so the counting must hold under concurrency.
 */
@ExtendWith(ComputerCleanup.class)
class ApiLimitsIT {

    private static final int THREADS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aHundredRegistrationsFromOneAddressAreRefusedAfterTheLimit() {
        int limit = Limits.value("limits.registrations.per-address");
        assertTrue(limit < 100, "the IT limit must lie below the 100 tried: " + limit);
        ApiClient oneAddress = new ApiClient();
        Limits.awaitRoomInWindow(Limits.signupWindow(), Duration.ofSeconds(90));

        List<ApiResponse> answers = burst(100, i -> oneAddress.post("/api/auth/register", null,
                Json.object("email", Unique.email(), "password", Unique.password())));

        assertEquals(limit, answers.stream().filter(a -> a.status() == 201).count(), "accounts created from one address");
        assertEquals(100 - limit, answers.stream().filter(a -> a.status() == 429).count(), "registrations refused: " + answers);
        ApiResponse refused = answers.stream().filter(a -> a.status() == 429).findFirst().orElseThrow();
        assertThrottled(refused, "too-many-registrations", "registrations-per-address", limit, Limits.signupWindow());
        // another address may still register
        new ApiClient().post("/api/auth/register", null, Json.object("email", Unique.email(), "password", Unique.password())).expect(201);
    }

    @Test
    void everyApiCallCountsPerToken() {
        int limit = Limits.value("limits.api.per-token");
        TestAccount account = TestAccount.register(new ApiClient());
        // the token's calls from two addresses: the limit per address (larger) is not what refuses them
        List<ApiClient> clients = List.of(new ApiClient(), new ApiClient());
        Limits.awaitRoomInWindow(Limits.apiWindow(), Duration.ofSeconds(8));

        List<ApiResponse> answers = burst(limit + 20, i -> clients.get(i % 2).get("/api/status", account.token()));

        assertEquals(limit, answers.stream().filter(a -> a.status() == 200).count(), "calls allowed for one token");
        ApiResponse refused = answers.stream().filter(a -> a.status() == 429).findFirst().orElseThrow();
        assertThrottled(refused, "too-many-requests", "api-per-token", limit, Limits.apiWindow());
    }

    @Test
    void everyApiCallCountsPerAddressUnknownPathsIncluded() {
        int limit = Limits.value("limits.api.per-address");
        ApiClient oneAddress = new ApiClient();
        Limits.awaitRoomInWindow(Limits.apiWindow(), Duration.ofSeconds(8));

        List<ApiResponse> answers = burst(limit + 20, i -> oneAddress.get(i % 2 == 0 ? "/api/subdomain/check/t" + i : "/api/nothing-here", null));

        assertEquals(limit, answers.stream().filter(a -> a.status() != 429).count(), "calls allowed from one address");
        ApiResponse refused = answers.stream().filter(a -> a.status() == 429).findFirst().orElseThrow();
        assertThrottled(refused, "too-many-requests", "api-per-address", limit, Limits.apiWindow());
        new ApiClient().get("/api/subdomain/check/" + Unique.subdomain(), null).expect(200);
    }

    @Test
    void claimsFromOneAddressAreRefusedAfterTheLimit() {
        int limit = Limits.value("limits.claims.per-address");
        ApiClient oneAddress = new ApiClient();
        TestAccount owner = TestAccount.register(new ApiClient()).claimSubdomain();
        TestAccount claimer = TestAccount.register(oneAddress);
        Limits.awaitRoomInWindow(Limits.signupWindow(), Duration.ofSeconds(60));

        // claims of a taken name count as well: every claim of a valid name is counted before it is tried
        for (int i = 0; i < limit; i++) {
            assertProblem(claimer.claim(owner.subdomain()), 409).hasType("subdomain-taken");
        }
        ApiResponse refused = claimer.claim(Unique.subdomain());

        assertThrottled(refused, "too-many-claims", "claims-per-address", limit, Limits.signupWindow());
        JsonNode status = claimer.status().expect(200);
        assertTrue(status.path("subdomain").isNull(), "a refused claim starts nothing: " + status);
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddressWithXForwardedFor() {
        int limit = Limits.value("login.max-failures-per-address");
        // a peer of its own on loopback, not the trusted 127.0.0.1: every X-Forwarded-For it sends is ignored
        String peer = "127.0." + (1 + RANDOM.nextInt(254)) + "." + (1 + RANDOM.nextInt(254));
        Limits.awaitRoomInWindow(Limits.loginWindow(), Duration.ofSeconds(90));

        List<Integer> statuses = Parallel.run(THREADS, t -> {
            List<Integer> mine = new ArrayList<>();
            for (int i = t; i <= limit; i += THREADS) {
                mine.add(postFrom(peer, "127.0.0." + (100 + i % 100), "/api/auth/login",
                        Json.write(Json.object("email", Unique.email(), "password", "wrong"))));
            }
            return mine;
        }).stream().flatMap(List::stream).toList();

        assertEquals(limit, statuses.stream().filter(s -> s == 401).count(), "all counted against " + peer + ": " + statuses);
        assertEquals(1, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
    }

    /** POST over a socket bound to {@code peer}, claiming to forward for {@code forwardedFor}; the answer's status. */
    private static int postFrom(String peer, String forwardedFor, String path, String json) {
        URI base = URI.create(System.getProperty("spoq.it.base-url", "http://127.0.0.1:19080"));
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(peer, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(30_000);
            String head = "POST " + path + " HTTP/1.0\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nX-Forwarded-For: " + forwardedFor + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1."), answer);
            return Integer.parseInt(answer.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " from " + peer, e);
        }
    }

    /** {@code n} calls from {@link #THREADS} threads, all answers in order of sending per thread. */
    private static List<ApiResponse> burst(int n, IntFunction<ApiResponse> call) {
        return Parallel.run(THREADS, t -> {
            List<ApiResponse> mine = new ArrayList<>();
            for (int i = t; i < n; i += THREADS) {
                mine.add(call.apply(i));
            }
            return mine;
        }).stream().flatMap(List::stream).toList();
    }

    private static void assertThrottled(ApiResponse response, String type, String limitName, int max, Duration window) {
        JsonNode problem = assertProblem(response, 429).hasType(type).hasDetail().body();
        assertEquals(limitName, problem.path("limit").asText(), response.toString());
        assertEquals(max, problem.path("limit_max").asInt(), response.toString());
        assertEquals(window.toSeconds(), problem.path("window_seconds").asLong(), response.toString());
        long retryAfter = LoginThrottlingIT.retryAfter(response);
        assertTrue(retryAfter > 0 && retryAfter <= window.toSeconds(), "Retry-After within the window: " + retryAfter);
        assertEquals(retryAfter, problem.path("retry_after_seconds").asLong(), response.toString());
    }
}
