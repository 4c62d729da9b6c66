package dev.spoq.cloud.it;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.Limits;
import dev.spoq.cloud.it.support.Parallel;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static dev.spoq.cloud.it.support.StatusCounts.assertStatusCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 5 failed logins for one email → 429 with Retry-After, even with the right password. Attempts are counted in
 * the database before the password is checked, so guesses sent at once are throttled as well as guesses in a row.
 * Each ApiClient appears from an address of its own, so the limit per address (30 in the IT server) is this
 * class's alone.
 */
class LoginThrottlingIT {

    private static final int ALLOWED_FAILURES = Limits.value("login.max-failures-per-email");
    private static final int PER_ADDRESS = Limits.value("login.max-failures-per-address");
    private static final int GUESSES_AT_ONCE = 40;

    private final ApiClient api = new ApiClient();

    @Test
    void afterFiveFailuresTheNextLoginIs429WithRetryAfterEvenWithTheRightPassword() {
        assertEquals(5, ALLOWED_FAILURES, "the IT server's failures per email");
        TestAccount account = TestAccount.register(api);
        Limits.awaitRoomInWindow(Limits.loginWindow(), Duration.ofSeconds(30));
        for (int i = 0; i < ALLOWED_FAILURES; i++) {
            assertProblem(account.login("wrong-password-" + i), 401).hasType("invalid-credentials");
        }

        ApiResponse throttled = account.login(account.password());

        assertProblem(throttled, 429).hasType("too-many-attempts");
        long seconds = retryAfter(throttled);
        assertTrue(seconds > 0 && seconds <= 15 * 60, "Retry-After must lie within the 15 minute window: " + seconds);
    }

    @Test
    void throttlingCountsFailuresOfOneEmailWhateverItsCaseAndLeavesOtherEmailsAlone() {
        TestAccount throttled = TestAccount.register(api);
        TestAccount bystander = TestAccount.register(api);
        Limits.awaitRoomInWindow(Limits.loginWindow(), Duration.ofSeconds(30));
        for (int i = 0; i < ALLOWED_FAILURES; i++) {
            String email = i % 2 == 0 ? throttled.email() : throttled.email().toUpperCase();
            assertProblem(api.post("/api/auth/login", null, Json.object("email", email, "password", "wrong-" + i)), 401);
        }

        assertProblem(throttled.login(throttled.password()), 429).hasType("too-many-attempts");
        bystander.login(bystander.password()).expect(200);
    }

    @Test
    void fortyWrongPasswordsAtOnceAreCheckedAtMostFiveTimesAndTheRightOneWaitsToo() {
        TestAccount account = TestAccount.register(api);
        // from two addresses, 20 each: below the limit per address, so only the limit per email is at work
        List<ApiClient> attackers = List.of(new ApiClient(), new ApiClient());
        Limits.awaitRoomInWindow(Limits.loginWindow(), Duration.ofSeconds(60));

        List<ApiResponse> answers = Parallel.run(GUESSES_AT_ONCE, i -> attackers.get(i % 2).post("/api/auth/login", null,
                Json.object("email", account.email(), "password", "wrong-guess-" + i)));

        // exactly the limit is checked (and refused as wrong); every other guess is refused before its check
        assertStatusCounts(Map.of(401, (long) ALLOWED_FAILURES, 429, (long) (GUESSES_AT_ONCE - ALLOWED_FAILURES)), answers);
        for (ApiResponse answer : answers) {
            if (answer.status() == 429) {
                assertProblem(answer, 429).hasType("too-many-attempts");
                assertEquals("login-per-email", answer.json().path("limit").asText(), answer.toString());
                assertEquals(ALLOWED_FAILURES, answer.json().path("limit_max").asInt(), answer.toString());
                long seconds = retryAfter(answer);
                assertTrue(seconds > 0 && seconds <= Limits.loginWindow().toSeconds(), answer.toString());
            }
        }
        // the right password is not checked either until the window has passed
        assertProblem(account.login(account.password()), 429).hasType("too-many-attempts");
    }

    @Test
    void aSuccessForgetsTheEmailsFailures() {
        TestAccount account = TestAccount.register(api);
        Limits.awaitRoomInWindow(Limits.loginWindow(), Duration.ofSeconds(60));
        for (int i = 0; i < ALLOWED_FAILURES - 1; i++) {
            assertProblem(account.login("wrong-" + i), 401);
        }
        account.login(account.password()).expect(200);

        for (int i = 0; i < ALLOWED_FAILURES; i++) {
            assertProblem(account.login("again-wrong-" + i), 401);
        }
        assertProblem(account.login(account.password()), 429).hasType("too-many-attempts");
    }

    @Test
    void theLimitPerAddressCountsEveryEmail() {
        ApiClient oneAddress = new ApiClient();
        Limits.awaitRoomInWindow(Limits.loginWindow(), Duration.ofSeconds(90));
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertProblem(oneAddress.post("/api/auth/login", null, Json.object("email", Unique.email(), "password", "wrong")), 401);
        }

        ApiResponse throttled = oneAddress.post("/api/auth/login", null, Json.object("email", Unique.email(), "password", "wrong"));

        assertProblem(throttled, 429).hasType("too-many-attempts");
        assertEquals("login-per-address", throttled.json().path("limit").asText(), throttled.toString());
        // another address is not affected
        assertProblem(api.post("/api/auth/login", null, Json.object("email", Unique.email(), "password", "wrong")), 401);
    }

    static long retryAfter(ApiResponse response) {
        String retryAfter = response.header("Retry-After").orElse("");
        assertTrue(retryAfter.matches("\\d+"), "Retry-After must be a number of seconds: " + response.headers().map());
        return Long.parseLong(retryAfter);
    }
}
