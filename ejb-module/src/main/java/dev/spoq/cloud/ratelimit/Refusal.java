package dev.spoq.cloud.ratelimit;

import java.time.Duration;

/** Which limit refused a caller, and how long until its window ends (at least a second). */
public record Refusal(Limit limit, Duration retryAfter) {
}
