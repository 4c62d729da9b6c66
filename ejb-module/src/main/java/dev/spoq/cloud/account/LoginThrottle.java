package dev.spoq.cloud.account;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per email and per source address in a sliding window. Kept in memory:
 * a restart forgets it, which costs an attacker at most one more window. With several replicas
 * each keeps its own count (documented in the README).
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

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** How long the caller must wait, if either key is over its limit. */
    public Optional<Duration> retryAfter(String email, String address) {
        Instant now = Instant.now();
        return longest(wait("email:" + email, maxPerEmail, now), wait("addr:" + address, maxPerAddress, now));
    }

    public void recordFailure(String email, String address) {
        Instant now = Instant.now();
        for (String key : new String[]{"email:" + email, "addr:" + address}) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                prune(times, now);
                times.addLast(now);
            }
        }
    }

    public void recordSuccess(String email) {
        failures.remove("email:" + email);
    }

    private Optional<Duration> wait(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
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
