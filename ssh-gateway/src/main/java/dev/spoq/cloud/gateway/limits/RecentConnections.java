package dev.spoq.cloud.gateway.limits;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * "At most N new connections per address in any 60 seconds", exactly (a sliding window, not a bucket
 * that refills mid-burst). Every attempt counts, refused ones too: an address that keeps hammering stays
 * refused until it has been quiet for a minute, while everyone else is unaffected. Memory is N
 * timestamps per address seen in the last minute; older addresses are swept away.
 */
public class RecentConnections {
    private static final long WINDOW_MILLIS = 60_000;
    private static final long SWEEP_EVERY_MILLIS = 10_000;

    private final int limit;
    private final LongSupplier clock;
    private final Map<InetAddress, Window> windows = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    public RecentConnections(int limitPerMinute) {
        this(limitPerMinute, System::currentTimeMillis);
    }

    RecentConnections(int limitPerMinute, LongSupplier clock) {
        if (limitPerMinute < 1) {
            throw new IllegalArgumentException("The per-address connection limit must be at least 1");
        }
        this.limit = limitPerMinute;
        this.clock = clock;
    }

    /** Records an attempt from {@code address}; true when it is within the limit. */
    public boolean tryAcquire(InetAddress address) {
        long now = clock.getAsLong();
        sweepIfDue(now);
        return windows.computeIfAbsent(address, a -> new Window(limit)).record(now);
    }

    int trackedAddresses() {
        return windows.size();
    }

    private void sweepIfDue(long now) {
        if (now - lastSweep < SWEEP_EVERY_MILLIS) {
            return;
        }
        lastSweep = now;
        windows.values().removeIf(window -> window.quietSince(now - WINDOW_MILLIS));
    }

    /** The last {@code limit} attempt times of one address, in a ring. */
    private static final class Window {
        private final long[] times;
        private int next;
        private long newest;

        Window(int limit) {
            this.times = new long[limit];
            java.util.Arrays.fill(times, Long.MIN_VALUE / 2);
        }

        synchronized boolean record(long now) {
            // times[next] is the oldest of the last `limit` attempts: if it is within the window, this one is one too many
            boolean allowed = now - times[next] >= WINDOW_MILLIS;
            times[next] = now;
            next = (next + 1) % times.length;
            newest = now;
            return allowed;
        }

        synchronized boolean quietSince(long since) {
            return newest < since;
        }
    }
}
