package dev.spoq.cloud.sleep;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The previous CPU reading of each computer, so that two readings give its CPU use in between, as percent of
 * one CPU. Not thread-safe: one idle watch pass at a time uses it.
 */
final class CpuSamples {

    private record Sample(Duration cpu, Instant at) {
    }

    private Map<String, Sample> previous = new HashMap<>();
    private Map<String, Double> percents = Map.of();

    /** Takes a new reading of every running computer; computers missing from it are forgotten. */
    void record(Map<String, Duration> cpuTimes, Instant now) {
        Map<String, Sample> next = new HashMap<>();
        Map<String, Double> used = new HashMap<>();
        cpuTimes.forEach((subdomain, cpu) -> {
            Sample before = previous.get(subdomain);
            next.put(subdomain, new Sample(cpu, now));
            long wall = before == null ? 0 : Duration.between(before.at(), now).toNanos();
            // a counter that went down belongs to a new container (restarted): no figure until the next reading
            if (before != null && wall > 0 && cpu.compareTo(before.cpu()) >= 0) {
                used.put(subdomain, 100.0 * cpu.minus(before.cpu()).toNanos() / wall);
            }
        });
        previous = next;
        percents = used;
    }

    /** Percent of one CPU between the last two readings; empty without two readings. */
    OptionalDouble percent(String subdomain) {
        Double used = percents.get(subdomain);
        return used == null ? OptionalDouble.empty() : OptionalDouble.of(used);
    }
}
