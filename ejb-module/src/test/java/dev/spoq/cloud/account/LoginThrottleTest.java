package dev.spoq.cloud.account;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private final LoginThrottle throttle = throttle(3, 5, 15);

    @Test
    void theLimitPerEmailHoldsForTheWindow() {
        for (int i = 0; i < 2; i++) {
            throttle.recordFailure("a@example.com", "127.0.0.21");
        }
        assertEquals(Optional.empty(), throttle.retryAfter("a@example.com", "127.0.0.21"));

        throttle.recordFailure("a@example.com", "127.0.0.21");

        Duration wait = throttle.retryAfter("a@example.com", "127.0.0.22").orElseThrow();
        assertTrue(wait.compareTo(Duration.ofMinutes(15)) > 0 && wait.compareTo(Duration.ofMinutes(16)) < 0, wait.toString());
        assertEquals(Optional.empty(), throttle.retryAfter("b@example.com", "127.0.0.22"));
    }

    @Test
    void theLimitPerAddressCountsEveryEmail() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("user" + i + "@example.com", "127.0.0.29");
        }
        assertTrue(throttle.retryAfter("new@example.com", "127.0.0.29").isPresent());
    }

    @Test
    void aSuccessForgetsTheEmailsFailures() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("a@example.com", "127.0.0.21");
        }
        throttle.recordSuccess("a@example.com");
        assertEquals(Optional.empty(), throttle.retryAfter("a@example.com", "127.0.0.23"));
    }

    private static LoginThrottle throttle(int perEmail, int perAddress, int windowMinutes) {
        LoginThrottle throttle = new LoginThrottle();
        throttle.maxPerEmail = perEmail;
        throttle.maxPerAddress = perAddress;
        throttle.windowMinutes = windowMinutes;
        throttle.start();
        return throttle;
    }
}
