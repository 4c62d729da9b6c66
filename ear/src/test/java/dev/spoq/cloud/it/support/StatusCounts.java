package dev.spoq.cloud.it.support;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks how many answers of a parallel burst had which status. */
public final class StatusCounts {

    private StatusCounts() {
    }

    /** e.g. {@code assertStatusCounts(Map.of(201, 2L, 409, 8L), responses)}. */
    public static void assertStatusCounts(Map<Integer, Long> expected, List<ApiResponse> responses) {
        Map<Integer, Long> counted = responses.stream()
                .collect(Collectors.groupingBy(ApiResponse::status, Collectors.counting()));
        assertEquals(expected, counted, () -> "status counts differ; answers:" + responses.stream()
                .map(ApiResponse::toString).collect(Collectors.joining("\n  ", "\n  ", "")));
    }
}
