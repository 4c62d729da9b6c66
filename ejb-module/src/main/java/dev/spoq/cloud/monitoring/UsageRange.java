package dev.spoq.cloud.monitoring;

import dev.spoq.cloud.problem.SpoqProblem;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The spans the dashboard's usage chart shows, by the names the API takes ({@code range=24h|7d}). */
public enum UsageRange {
    DAY("24h", Duration.ofHours(24)),
    WEEK("7d", Duration.ofDays(7));

    private final String wireName;
    private final Duration span;

    UsageRange(String wireName, Duration span) {
        this.wireName = wireName;
        this.span = span;
    }

    public String wireName() {
        return wireName;
    }

    public Duration span() {
        return span;
    }

    /** A missing range is the last 24 hours. @throws SpoqProblem 400 on the field {@code range} for any other word */
    public static UsageRange of(String text) {
        if (text == null || text.isBlank()) {
            return DAY;
        }
        return Arrays.stream(values()).filter(r -> r.wireName.equals(text.strip())).findFirst()
                .orElseThrow(() -> SpoqProblem.invalid("range", "range must be one of "
                        + Arrays.stream(values()).map(UsageRange::wireName).collect(Collectors.joining(", ")) + "."));
    }
}
