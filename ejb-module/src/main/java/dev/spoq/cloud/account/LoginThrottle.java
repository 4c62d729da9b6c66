package dev.spoq.cloud.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Counts failed logins per email and per source address in a sliding window. Kept in memory:
 * a restart forgets it, which costs an attacker at most one more window. With several replicas
 * each keeps its own count (documented in the README). A key with no failure for a whole window
 * is forgotten, so the map holds only the last window's keys.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LoginThrottle {

    @Inject
    @ConfigProperty(name = "spoq.login.max-failures-per-email", defaultValue = "5")
    int maxPerEmail;

    @Inject
    @ConfigProperty(name = "spoq.login.max-failures-per-address", defaultValue = "100")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "spoq.login.failure-window-minutes", defaultValue = "15")
    int windowMinutes;

    private Cache<String, Deque<Instant>> failures;

    @PostConstruct
    void start() {
        failures = Caffeine.newBuilder()
                .expireAfterWrite(window())
                // a flood of made-up emails or addresses must not grow the heap without end
                .maximumSize(1_000_000)
                // clean-up on the calling thread: no unmanaged threads inside the application server
                .executor(Runnable::run)
                .build();
    }

    /** How long the caller must wait, if either key is over its limit. */
    public Optional<Duration> retryAfter(String email, String address) {
        Instant now = Instant.now();
        return longest(wait("email:" + email, maxPerEmail, now), wait("addr:" + address, maxPerAddress, now));
    }

    public void recordFailure(String email, String address) {
        Instant now = Instant.now();
        for (String key : new String[]{"email:" + email, "addr:" + address}) {
            // compute, not get: a failure is a write, which restarts the key's expiry
            failures.asMap().compute(key, (k, times) -> {
                Deque<Instant> kept = times == null ? new ArrayDeque<>() : times;
                synchronized (kept) { // wait() reads it outside compute
                    prune(kept, now);
                    kept.addLast(now);
                }
                return kept;
            });
        }
    }

    public void recordSuccess(String email) {
        failures.invalidate("email:" + email);
    }

    private Optional<Duration> wait(String key, int limit, Instant now) {
        Deque<Instant> times = failures.getIfPresent(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return Optional.empty();
            }
            Instant oldest = times.peekFirst();
            return Optional.of(Duration.between(now, oldest.plus(window())).plusSeconds(1));
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(window());
        while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
            times.removeFirst();
        }
    }

    private Duration window() {
        return Duration.ofMinutes(windowMinutes);
    }

    private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().compareTo(b.get()) >= 0 ? a : b;
    }
}
