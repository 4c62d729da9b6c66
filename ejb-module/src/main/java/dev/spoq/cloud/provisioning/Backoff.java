package dev.spoq.cloud.provisioning;

import java.time.Duration;

/** How long to wait before trying again after n failures in a row: 5 s doubling up to 5 minutes. */
public final class Backoff {

    private static final Duration FIRST = Duration.ofSeconds(5);
    private static final Duration MAX = Duration.ofMinutes(5);

    private Backoff() {
    }

    public static Duration after(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 10);
        Duration wait = FIRST.multipliedBy(1L << doublings);
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
