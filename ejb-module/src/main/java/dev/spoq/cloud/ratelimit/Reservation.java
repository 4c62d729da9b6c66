package dev.spoq.cloud.ratelimit;

import java.util.List;

/** Hits that were counted and allowed; {@link RateLimiter#giveBack} returns them (e.g. a login that succeeded). */
public record Reservation(List<Count> counts) {
}
