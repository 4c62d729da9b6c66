package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fluent checks of an RFC 9457 problem answer as the contract describes it:
 * {@code application/problem+json}, {"type":"https://spoq.dev/problems/<slug>","title","status","detail","field"}.
 */
public final class ProblemAssert {

    public static final String TYPE_PREFIX = "https://spoq.dev/problems/";

    private final ApiResponse response;
    private final JsonNode problem;

    private ProblemAssert(ApiResponse response, JsonNode problem) {
        this.response = response;
        this.problem = problem;
    }

    /** Asserts status, problem content type and the problem members every problem has. */
    public static ProblemAssert assertProblem(ApiResponse response, int expectedStatus) {
        assertEquals(expectedStatus, response.status(), () -> "unexpected status from " + response);
        assertTrue(response.contentType().toLowerCase().startsWith("application/problem+json"),
                () -> "expected Content-Type application/problem+json from " + response);
        JsonNode problem = Json.parseOrNull(response.body());
        assertNotNull(problem, () -> "problem body is not JSON: " + response);
        assertTrue(problem.isObject(), () -> "problem body is not a JSON object: " + response);
        assertEquals(expectedStatus, problem.path("status").asInt(-1), () -> "problem member 'status' wrong in " + response);
        assertTrue(problem.path("type").asText("").startsWith(TYPE_PREFIX),
                () -> "problem member 'type' must start with " + TYPE_PREFIX + ": " + response);
        assertFalse(problem.path("title").asText("").isBlank(), () -> "problem member 'title' missing: " + response);
        return new ProblemAssert(response, problem);
    }

    public ProblemAssert hasField(String expectedField) {
        assertEquals(expectedField, problem.path("field").asText(null),
                () -> "problem member 'field' wrong in " + response);
        return this;
    }

    /** For problems the contract gives no field (e.g. malformed-json): the member is absent or null. */
    public ProblemAssert hasNoField() {
        JsonNode field = problem.get("field");
        assertTrue(field == null || field.isNull(), () -> "problem member 'field' should be absent in " + response);
        return this;
    }

    public ProblemAssert hasType(String slug) {
        assertEquals(TYPE_PREFIX + slug, problem.path("type").asText(), () -> "problem type wrong in " + response);
        return this;
    }

    public ProblemAssert hasBearerChallenge() {
        String challenge = response.header("WWW-Authenticate").orElse("");
        assertTrue(challenge.regionMatches(true, 0, "Bearer", 0, 6),
                () -> "expected header WWW-Authenticate: Bearer in " + response + " headers " + response.headers().map());
        return this;
    }

    public ProblemAssert hasDetail() {
        assertFalse(problem.path("detail").asText("").isBlank(), () -> "problem member 'detail' missing: " + response);
        return this;
    }

    public JsonNode body() {
        return problem;
    }
}
