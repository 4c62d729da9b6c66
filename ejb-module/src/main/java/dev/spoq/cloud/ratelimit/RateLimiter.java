package dev.spoq.cloud.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Counts hits against limits in the database (shared by every replica) and refuses the caller once a
 * window holds more than its limit. A hit is counted before the work it pays for, so concurrent requests
 * cannot all slip through before the first is counted.
 * <p>
 * A refusal is remembered locally until its window ends: within a fixed window a count only grows, so the
 * local answer is the one the database would give, and a flood from one address costs no database work.
 * That memory is bounded (the oldest refusals go first). Leased limits (the API's, paid by every request) are
 * counted in reserved batches ({@link Leases}); the others hit by hit.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    RateCounters counters;

    private final Leases leases = new Leases();

    private final Cache<String, Instant> refusedUntil = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(24))
            // clean-up on the calling thread: no unmanaged threads inside the application server
            .executor(Runnable::run)
            .build();

    /** Counts every hit; the allowed reservation, or the refusal that waits longest. */
    public Result take(Hit... hits) {
        Instant now = Instant.now();
        Optional<Refusal> remembered = Arrays.stream(hits).map(hit -> remembered(hit, now)).flatMap(Optional::stream)
                .max(Comparator.comparing(Refusal::retryAfter));
        if (remembered.isPresent()) {
            return new Result(null, remembered.get());
        }
        List<Hit> oneByOne = Arrays.stream(hits).filter(hit -> !hit.limit().leased()).toList();
        List<Count> counts = oneByOne.isEmpty() ? List.of() : counters.count(oneByOne);
        List<Count> refusing = new ArrayList<>(counts.stream().filter(Count::over).toList());
        Arrays.stream(hits).filter(hit -> hit.limit().leased())
                .forEach(hit -> leases.take(hit, now, counters::reserve).ifPresent(refusing::add));
        Optional<Refusal> refusal = refusing.stream()
                .map(count -> refuse(count, now))
                .max(Comparator.comparing(Refusal::retryAfter));
        return new Result(new Reservation(counts), refusal.orElse(null));
    }

    /** Returns the hits of an allowed reservation, as if they had not happened. */
    public void giveBack(Reservation reservation, Limit... limits) {
        counters.giveBack(of(reservation, limits));
    }

    /** Forgets the subject's count under these limits entirely. */
    public void forget(Reservation reservation, Limit... limits) {
        counters.forget(of(reservation, limits));
    }

    private static List<Count> of(Reservation reservation, Limit... limits) {
        List<Limit> wanted = List.of(limits);
        return reservation.counts().stream().filter(count -> wanted.contains(count.hit().limit())).toList();
    }

    private Optional<Refusal> remembered(Hit hit, Instant now) {
        Instant until = refusedUntil.getIfPresent(hit.bucket());
        if (until == null || !until.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(hit.limit(), wholeSeconds(Duration.between(now, until))));
    }

    private Refusal refuse(Count count, Instant now) {
        Duration wait = wholeSeconds(count.windowLeft());
        refusedUntil.put(count.hit().bucket(), now.plus(count.windowLeft()));
        return new Refusal(count.hit().limit(), wait);
    }

    /** Retry-After counts whole seconds; never 0, which would invite an immediate retry. */
    private static Duration wholeSeconds(Duration wait) {
        return Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    /** Either refused (with the limit that did it), or allowed with the hits that were counted. */
    public record Result(Reservation reservation, Refusal refusal) {

        public Optional<Refusal> refused() {
            return Optional.ofNullable(refusal);
        }
    }
}
