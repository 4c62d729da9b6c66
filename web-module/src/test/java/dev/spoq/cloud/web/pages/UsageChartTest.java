package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.monitoring.UsagePoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The usage card's chart: points placed in time over the span, lines broken where the computer was not running. */
class UsageChartTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration STEP = Duration.ofMinutes(5);

    @Test
    void pointsArePlacedByTimeAndPercent() {
        List<UsagePoint> points = List.of(point(NOW.minus(DAY), 0), point(NOW.minus(Duration.ofHours(12)), 50),
                point(NOW.minus(Duration.ofHours(12)).plus(STEP), 100));
        UsageChart chart = UsageChart.of("24 hours", points, DAY, STEP, NOW);
        assertEquals("M0.0 100.0 L0.8 100.0 M150.0 50.0 L150.8 50.0 L151.0 0.0", chart.cpu(),
                "the first two are hours apart (a gap), the last two one step apart (a line)");
        assertEquals(3, chart.points());
        assertEquals("Last 24 hours: CPU at most 100 %, memory at most 25 %, storage at most 10 %.", chart.summary());
    }

    @Test
    void noHistoryIsAnEmptyChartThatSaysSo() {
        UsageChart chart = UsageChart.of("7 days", List.of(), Duration.ofDays(7), Duration.ofMinutes(25), NOW);
        assertEquals(0, chart.points());
        assertEquals("M0 100", chart.cpu());
        assertTrue(chart.summary().startsWith("No usage recorded in the last 7 days"), chart.summary());
    }

    @Test
    void anUnknownDiskBreaksOnlyTheStorageLine() {
        UsagePoint unknownDisk = new UsagePoint(NOW.minus(Duration.ofHours(1)), 10, 512, 2048, -1, 1000);
        UsageChart chart = UsageChart.of("24 hours", List.of(unknownDisk), DAY, STEP, NOW);
        assertEquals("M0 100", chart.storage());
        assertTrue(chart.memory().startsWith("M287.5 75.0"), chart.memory());
    }

    private static UsagePoint point(Instant at, double cpu) {
        return new UsagePoint(at, cpu, 512, 2048, 100, 1000);
    }
}
