package dev.spoq.cloud.provisioning;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the time of the latest start of each computer went, stage by stage (for bench/provisioning and operators:
 * {@code GET /internal/provisioning/timings}). Kept in memory for the most recent {@value #KEEP} users only: it is a
 * measurement, not a record.
 */
@ApplicationScoped
public class ProvisioningTimings {

    static final int KEEP = 1000;

    /** One stage: when it ended (epoch milliseconds) and how long it took after the previous one. */
    public record Stage(String name, long endedAtEpochMillis, long millis) {
    }

    public record Timing(String subdomain, long requestedAtEpochMillis, List<Stage> stages) {
    }

    private final Map<UUID, Timing> latest = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Timing> eldest) {
            return size() > KEEP;
        }
    };

    /** Starts timing a start of {@code subdomain}, requested (the command sent) at {@code requestedAt}. */
    public Stopwatch start(UUID userId, String subdomain, Instant requestedAt) {
        return new Stopwatch(userId, subdomain, requestedAt.toEpochMilli());
    }

    public synchronized Optional<Timing> latest(UUID userId) {
        return Optional.ofNullable(latest.get(userId));
    }

    private synchronized void keep(UUID userId, Timing timing) {
        latest.put(userId, timing);
    }

    /** The stages of one start, published as they are reached (a bench may read them before the last one). */
    public final class Stopwatch {
        private final UUID userId;
        private final String subdomain;
        private final long requestedAt;
        private final List<Stage> stages = new ArrayList<>();
        private long previous;

        private Stopwatch(UUID userId, String subdomain, long requestedAt) {
            this.userId = userId;
            this.subdomain = subdomain;
            this.requestedAt = requestedAt;
            this.previous = requestedAt;
        }

        /** {@code stage} has just ended. */
        public synchronized void reached(String stage) {
            long now = System.currentTimeMillis();
            stages.add(new Stage(stage, now, now - previous));
            previous = now;
            keep(userId, new Timing(subdomain, requestedAt, List.copyOf(stages)));
        }
    }
}
