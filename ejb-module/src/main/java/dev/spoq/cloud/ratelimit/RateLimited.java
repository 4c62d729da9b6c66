package dev.spoq.cloud.ratelimit;

import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;

import java.util.Map;

/** The problem a refused caller gets: 429, how long to wait (Retry-After), and which limit it met. */
public final class RateLimited {

    private RateLimited() {
    }

    public static SpoqProblem problem(String type, String detail, Refusal refusal) {
        return new SpoqProblem(ProblemKind.THROTTLED, type, null, detail + " Try again in " + words(refusal) + ".",
                members(refusal));
    }

    /** The problem members that name the limit: limit, limit_max, window_seconds, retry_after_seconds. */
    private static Map<String, Object> members(Refusal refusal) {
        Limit limit = refusal.limit();
        return Map.of("limit", limit.name(), "limit_max", limit.max(), "window_seconds", limit.window().toSeconds(),
                "retry_after_seconds", refusal.retryAfter().toSeconds());
    }

    private static String words(Refusal refusal) {
        long seconds = refusal.retryAfter().toSeconds();
        return seconds < 120 ? seconds + " second(s)" : (seconds + 59) / 60 + " minute(s)";
    }
}
