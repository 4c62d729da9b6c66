package dev.spoq.cloud.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Hits of leased limits that this replica has already counted in the database and hands out itself: a client
 * that sends one request after the other costs one database transaction per batch, not per request.
 * <p>
 * A batch is reserved in the shared counter before any of its hits is given out, so every replica together never
 * admits more than the limit in a window: the limit is as strict as hit-by-hit counting, or stricter by the hits
 * a replica reserved and did not use before the window ended. Batches start at 1 in each window and double while
 * the client keeps coming, up to 1/16 of the limit, so that loss is at most that per replica and a client that sends
 * a request a minute costs exactly what it did. The last batch before the limit is cut to what is left, so one
 * replica admits exactly the limit. One refill per bucket at a time (the others wait for it, a few milliseconds).
 */
final class Leases {

    /** Of the limit, the most one batch reserves. */
    private static final int LARGEST_SHARE = 16;

    private final Cache<String, Lease> leases = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1))
            // clean-up on the calling thread: no unmanaged threads inside the application server
            .executor(Runnable::run)
            .build();

    /**
     * Takes one hit of {@code hit}'s limit. Empty when allowed; otherwise the database's count of the window that
     * refused it. {@code reserve} adds a batch to the shared counter and answers the count after it.
     */
    Optional<Count> take(Hit hit, Instant now, BiFunction<Hit, Integer, Count> reserve) {
        Lease lease = leases.get(hit.bucket(), bucket -> new Lease());
        synchronized (lease) {
            if (lease.tryTake(now)) {
                return Optional.empty();
            }
            if (lease.refusedUntil(now).isPresent()) {
                return lease.refusedUntil(now); // within a window a count only grows: still refused, no need to ask
            }
            int batch = lease.nextBatch(now, Math.max(1, hit.limit().max() / LARGEST_SHARE));
            Count count = reserve.apply(hit, batch);
            int before = count.hits() - batch;
            int granted = Math.max(0, Math.min(batch, hit.limit().max() - before));
            if (granted == 0) {
                lease.refuse(now.plus(count.windowLeft()), count);
                return Optional.of(count);
            }
            // this hit is one of the batch, even when the window ends as it is reserved (a check of the window here
            // refused a hit that the database had counted under the limit)
            lease.refill(granted - 1, now.plus(count.windowLeft()));
            return Optional.empty();
        }
    }

    /** One bucket's reserved, unused hits, valid until its window ends. Guarded by its own monitor. */
    private static final class Lease {
        private Instant windowEnd = Instant.MIN;
        private int left;
        private int lastBatch;
        /** The count that refused this window, once nothing is left in it. */
        private Count refusal;

        boolean tryTake(Instant now) {
            if (left > 0 && now.isBefore(windowEnd)) {
                left--;
                return true;
            }
            return false;
        }

        /** 1 at the start of a window, then twice the last batch, at most {@code largest}. */
        int nextBatch(Instant now, int largest) {
            int batch = now.isBefore(windowEnd) ? Math.min(largest, Math.max(1, lastBatch * 2)) : 1;
            lastBatch = batch;
            return batch;
        }

        void refill(int hits, Instant until) {
            left = hits;
            windowEnd = until;
            refusal = null;
        }

        void refuse(Instant until, Count count) {
            left = 0;
            windowEnd = until;
            refusal = count;
        }

        Optional<Count> refusedUntil(Instant now) {
            return refusal != null && now.isBefore(windowEnd)
                    ? Optional.of(new Count(refusal.hit(), refusal.hits(), refusal.windowStart(), Duration.between(now, windowEnd)))
                    : Optional.empty();
        }
    }
}
