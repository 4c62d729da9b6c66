package dev.spoq.cloud.gateway.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How many of something each account holds now, under a bound; accounts holding none take no memory. */
final class CountsPerAccount {
    private final int max;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    CountsPerAccount(int max) {
        this.max = max;
    }

    /** Counts one more for {@code account}; false (and nothing counted) when it holds {@code max} already. */
    boolean tryAdd(String account) {
        boolean[] added = {false};
        counts.compute(account, (a, n) -> {
            int held = n == null ? 0 : n;
            added[0] = held < max;
            return added[0] ? held + 1 : n;
        });
        return added[0];
    }

    void remove(String account) {
        counts.computeIfPresent(account, (a, n) -> n <= 1 ? null : n - 1);
    }

    int of(String account) {
        return counts.getOrDefault(account, 0);
    }

    int max() {
        return max;
    }
}
