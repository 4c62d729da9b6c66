package dev.spoq.cloud.monitoring;

import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.ResourceUsage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The plain rules of usage: ranges by name, chart buckets, CPU in percent of the limit. */
class UsageRulesTest {

    @Test
    void rangesAreNamedAsTheApiTakesThem() {
        assertEquals(UsageRange.DAY, UsageRange.of("24h"));
        assertEquals(UsageRange.WEEK, UsageRange.of("7d"));
        assertEquals(UsageRange.DAY, UsageRange.of(null), "no range: the last 24 hours");
        SpoqProblem problem = assertThrows(SpoqProblem.class, () -> UsageRange.of("1y"));
        assertEquals("range", problem.field());
        assertEquals("range must be one of 24h, 7d.", problem.detail());
        assertThrows(SpoqProblem.class, () -> UsageRange.of("24H"));
    }

    @Test
    void aChartHoldsAFewHundredPointsWhateverItsSpan() {
        Duration fiveMinutes = Duration.ofMinutes(5);
        assertEquals(fiveMinutes, UsageHistory.step(Duration.ofHours(24), fiveMinutes), "24 h of 5-minute points: 288, as kept");
        assertEquals(Duration.ofMillis(1_512_000), UsageHistory.step(Duration.ofDays(7), fiveMinutes), "7 days: 400 buckets");
    }

    @Test
    void cpuIsCountedInPercentOfTheComputersLimit() {
        assertEquals(45.0, UsagePoint.cpuOfLimit(90, 2));
        assertEquals(90.0, UsagePoint.cpuOfLimit(90, 1));
        assertEquals(0.0, UsagePoint.cpuOfLimit(-3, 1));
        UsagePoint point = UsagePoint.of(Instant.EPOCH, new ResourceUsage(50, 512, 2048, 30, -1), 1, 100);
        assertEquals(100, point.storageLimitBytes(), "an unknown disk size is the configured one");
        assertEquals(25, point.memoryPercent());
        assertEquals(30, point.storagePercent());
    }
}
