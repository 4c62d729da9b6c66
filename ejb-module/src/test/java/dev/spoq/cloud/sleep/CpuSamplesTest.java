package dev.spoq.cloud.sleep;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CpuSamplesTest {
    private static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");

    @Test
    void twoReadingsGiveTheShareOfOneCpuInBetween() {
        CpuSamples samples = new CpuSamples();
        samples.record(Map.of("alice", Duration.ofSeconds(100), "bob", Duration.ofSeconds(7)), T0);
        assertEquals(OptionalDouble.empty(), samples.percent("alice"), "one reading says nothing yet");
        samples.record(Map.of("alice", Duration.ofSeconds(110), "bob", Duration.ofMillis(7_100)), T0.plusSeconds(10));
        assertEquals(100.0, samples.percent("alice").orElseThrow(), 1e-9);
        assertEquals(1.0, samples.percent("bob").orElseThrow(), 1e-9);
    }

    @Test
    void aRestartedOrVanishedComputerHasNoFigure() {
        CpuSamples samples = new CpuSamples();
        samples.record(Map.of("alice", Duration.ofSeconds(100), "bob", Duration.ofSeconds(1)), T0);
        samples.record(Map.of("alice", Duration.ofSeconds(2)), T0.plusSeconds(10));
        assertEquals(OptionalDouble.empty(), samples.percent("alice"), "its counter went back: a new container");
        assertEquals(OptionalDouble.empty(), samples.percent("bob"));
        samples.record(Map.of("alice", Duration.ofSeconds(2), "bob", Duration.ofSeconds(1)), T0.plusSeconds(20));
        assertEquals(0.0, samples.percent("alice").orElseThrow(), 1e-9);
        assertEquals(OptionalDouble.empty(), samples.percent("bob"), "forgotten while it was away");
    }
}
