package dev.spoq.cloud.ratelimit;

import java.time.Duration;
import java.time.Instant;

/** A hit as the database counted it: how many hits its window holds now, and how long that window still runs. */
public record Count(Hit hit, int hits, Instant windowStart, Duration windowLeft) {

    public boolean over() {
        return hits > hit.limit().max();
    }
}
