package dev.spoq.cloud.it;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.TestAccount;
import org.junit.jupiter.api.Test;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 5 failed logins for one email → 429 with Retry-After, even with the right password.
 * Uses 10 failed logins in all: the server also limits failures per source IP (100 / 15 min) for the whole suite.
 */
class LoginThrottlingIT {

    private static final int ALLOWED_FAILURES = 5;

    private final ApiClient api = new ApiClient();

    @Test
    void afterFiveFailuresTheNextLoginIs429WithRetryAfterEvenWithTheRightPassword() {
        TestAccount account = TestAccount.register(api);
        for (int i = 0; i < ALLOWED_FAILURES; i++) {
            assertProblem(account.login("wrong-password-" + i), 401).hasType("invalid-credentials");
        }

        ApiResponse throttled = account.login(account.password());

        assertProblem(throttled, 429).hasType("too-many-attempts");
        String retryAfter = throttled.header("Retry-After").orElse("");
        assertTrue(retryAfter.matches("\\d+"), "Retry-After must be a number of seconds: " + throttled.headers().map());
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds > 0 && seconds <= 15 * 60, "Retry-After must lie within the 15 minute window: " + seconds);
    }

    @Test
    void throttlingCountsFailuresOfOneEmailWhateverItsCaseAndLeavesOtherEmailsAlone() {
        TestAccount throttled = TestAccount.register(api);
        TestAccount bystander = TestAccount.register(api);
        for (int i = 0; i < ALLOWED_FAILURES; i++) {
            String email = i % 2 == 0 ? throttled.email() : throttled.email().toUpperCase();
            assertProblem(api.post("/api/auth/login", null, Json.object("email", email, "password", "wrong-" + i)), 401);
        }

        assertProblem(throttled.login(throttled.password()), 429).hasType("too-many-attempts");
        bystander.login(bystander.password()).expect(200);
    }
}
