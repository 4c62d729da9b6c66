package dev.spoq.cloud.sleep;

import dev.spoq.cloud.sleep.IdleRule.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdleRuleTest {
    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aComputerUnusedForItsWholeIdleTimeWithLowCpuSleeps() {
        assertEquals(Verdict.SLEEP, judge(NOW.minus(HOUR), HOUR, OptionalDouble.of(0.3)));
        assertEquals(Verdict.SLEEP, judge(NOW.minus(Duration.ofHours(5)), HOUR, OptionalDouble.of(5.0)), "at the threshold is idle");
    }

    @Test
    void aRecentlyUsedComputerStaysAwake() {
        assertEquals(Verdict.IDLE, judge(NOW.minus(Duration.ofMinutes(59)), HOUR, OptionalDouble.of(0.0)));
    }

    @Test
    void cpuAboveTheThresholdIsUseEvenWithoutASession() {
        assertEquals(Verdict.BUSY, judge(NOW.minus(Duration.ofHours(5)), HOUR, OptionalDouble.of(5.1)));
        assertEquals(Verdict.BUSY, judge(NOW, HOUR, OptionalDouble.of(100)));
    }

    @Test
    void noSleepWithoutACpuFigureNorWhenSleepIsOff() {
        assertEquals(Verdict.IDLE, judge(NOW.minus(Duration.ofHours(5)), HOUR, OptionalDouble.empty()));
        assertEquals(Verdict.IDLE, judge(NOW.minus(Duration.ofDays(30)), Duration.ZERO, OptionalDouble.of(0)));
    }

    private static Verdict judge(Instant idleSince, Duration sleepAfter, OptionalDouble cpu) {
        return IdleRule.judge(idleSince, sleepAfter, cpu, 5.0, NOW);
    }
}
