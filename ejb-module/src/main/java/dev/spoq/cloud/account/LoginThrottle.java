package dev.spoq.cloud.account;

import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.ratelimit.Hit;
import dev.spoq.cloud.ratelimit.RateLimited;
import dev.spoq.cloud.ratelimit.RateLimiter;
import dev.spoq.cloud.ratelimit.RateLimits;
import dev.spoq.cloud.ratelimit.Refusal;
import dev.spoq.cloud.ratelimit.Reservation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Login attempts per email and per source address, counted in the database before the password is
 * checked: 40 guesses sent at once are 40 counts before the first hash is computed, so at most the limit
 * of them are checked at all. A login that succeeds gives its attempt back and clears its email's count,
 * so the limits count failures. The counters live in the database (shared by replicas, bounded by the
 * purge of ended windows), not in this JVM.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimits limits;

    /** Counts the attempt; refuses it (429) when the email or the address has used up its window. */
    public Reservation reserve(String email, String address) {
        RateLimiter.Result result = limiter.take(new Hit(limits.loginPerEmail(), email),
                new Hit(limits.loginPerAddress(), address));
        result.refused().ifPresent(refusal -> {
            throw tooManyAttempts(refusal);
        });
        return result.reservation();
    }

    public void succeeded(Reservation attempt) {
        limiter.forget(attempt, limits.loginPerEmail());
        limiter.giveBack(attempt, limits.loginPerAddress());
    }

    private static SpoqProblem tooManyAttempts(Refusal refusal) {
        return RateLimited.problem("too-many-attempts", "Too many failed logins.", refusal);
    }
}
