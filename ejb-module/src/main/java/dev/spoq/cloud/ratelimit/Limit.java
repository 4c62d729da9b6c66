package dev.spoq.cloud.ratelimit;

import java.time.Duration;

/**
 * At most {@code max} hits per subject in each fixed window of {@code window}; e.g. "api-per-address", 300 a minute.
 * Fixed windows (not sliding): one row per subject and window, so a hit is one atomic upsert; a client can at
 * worst spend two windows' worth around a boundary, which the limits are sized for.
 *
 * @param leased whether a replica may reserve hits of this limit in advance and hand them out locally
 *               ({@link Leases}): for the limits every request pays (the API's), not for those whose hits are
 *               given back (a login that succeeds)
 */
public record Limit(String name, int max, Duration window, boolean leased) {

    public Limit {
        if (max < 1 || window.toSeconds() < 1) {
            throw new IllegalArgumentException("limit " + name + ": max " + max + " per " + window);
        }
    }

    /** Counted in the database hit by hit. */
    public Limit(String name, int max, Duration window) {
        this(name, max, window, false);
    }

    /** The API's limits: counted in the database in reserved batches, see {@link Leases}. */
    public static Limit leased(String name, int max, Duration window) {
        return new Limit(name, max, window, true);
    }

    /** The row of this limit for one subject (an address, an email, a token's hash). */
    String bucket(String subject) {
        return name + ":" + subject;
    }
}
