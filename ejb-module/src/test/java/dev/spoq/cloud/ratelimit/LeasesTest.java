package dev.spoq.cloud.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batched counting against a shared counter that behaves like the database's (fixed windows of a minute). */
class LeasesTest {
    private static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");
    private static final Limit LIMIT = Limit.leased("api-per-token", 120, Duration.ofMinutes(1));
    private static final Hit HIT = new Hit(LIMIT, "token-hash");

    /** The database's rows: hits per (bucket, window start). */
    private final Map<String, Integer> rows = new HashMap<>();
    private int reservations;
    private Instant clock = T0;

    private final BiFunction<Hit, Integer, Count> database = (hit, amount) -> {
        reservations++;
        long windowSeconds = hit.limit().window().toSeconds();
        Instant start = Instant.ofEpochSecond(clock.getEpochSecond() / windowSeconds * windowSeconds);
        int hits = rows.merge(hit.bucket() + "@" + start, amount, Integer::sum);
        return new Count(hit, hits, start, Duration.between(clock, start.plusSeconds(windowSeconds)));
    };

    @Test
    void oneReplicaAdmitsExactlyTheLimitWithFewDatabaseCalls() {
        Leases leases = new Leases();
        assertEquals(LIMIT.max(), admitted(leases, 500));
        assertTrue(reservations < 25, "batches, not one call per hit: " + reservations);
        clock = T0.plusSeconds(60); // the next window
        assertTrue(leases.take(HIT, clock, database).isEmpty(), "a new window admits again");
    }

    @Test
    void severalReplicasTogetherNeverAdmitMoreThanTheLimit() {
        Leases a = new Leases();
        Leases b = new Leases();
        Leases c = new Leases();
        int admitted = 0;
        for (int i = 0; i < 200; i++) {
            admitted += admitted(a, 1) + admitted(b, 1) + admitted(c, 1);
        }
        assertTrue(admitted <= LIMIT.max(), "admitted " + admitted);
        assertTrue(admitted >= LIMIT.max() - 3 * LIMIT.max() / 16, "at most one batch per replica left unused: " + admitted);
    }

    @Test
    void aSlowClientCostsOneCallPerWindowStartThenSmallBatches() {
        Leases leases = new Leases();
        assertEquals(3, admitted(leases, 3));
        assertEquals(2, reservations, "1, then 2");
        assertEquals(3, rows.values().iterator().next(), "nothing reserved beyond what was used");
    }

    @Test
    void aHitCountedUnderTheLimitIsAdmittedEvenWhenItsWindowEndsAsItIsCounted() {
        BiFunction<Hit, Integer, Count> endingWindow = (hit, amount) -> new Count(hit, amount, T0, Duration.ZERO);
        assertTrue(new Leases().take(HIT, T0.plusSeconds(60), endingWindow).isEmpty(),
                "1 hit of 120 in its window: not refused");
    }

    private int admitted(Leases leases, int requests) {
        int ok = 0;
        for (int i = 0; i < requests; i++) {
            clock = clock.plusMillis(10);
            if (leases.take(HIT, clock, database).isEmpty()) {
                ok++;
            }
        }
        return ok;
    }
}
