package dev.spoq.cloud.provisioning;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {

    @Test
    void doublesFromFiveSecondsUpToFiveMinutes() {
        assertEquals(Duration.ZERO, Backoff.after(0));
        assertEquals(Duration.ofSeconds(5), Backoff.after(1));
        assertEquals(Duration.ofSeconds(10), Backoff.after(2));
        assertEquals(Duration.ofSeconds(160), Backoff.after(6));
        assertEquals(Duration.ofMinutes(5), Backoff.after(7));
        assertEquals(Duration.ofMinutes(5), Backoff.after(1000));
    }
}
