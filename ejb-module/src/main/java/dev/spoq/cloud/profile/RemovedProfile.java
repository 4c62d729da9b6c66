package dev.spoq.cloud.profile;

import java.time.Instant;

/**
 * A profile that was removed: its Linux user is locked; its home is kept until {@code keepHomeUntil}, then removed.
 *
 * @param homeRemoved whether the kept time is over (the home is removed, or about to be at the computer's next sync)
 */
public record RemovedProfile(String username, Instant removedAt, Instant keepHomeUntil, boolean homeRemoved) {
}
