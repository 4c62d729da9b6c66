package dev.spoq.cloud.it.badinput;

import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ProblemAssert;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One row of the bad-input table: a request made against the {@link BadInputFixture} and the 4xx problem it must get.
 *
 * @param name    what is wrong, in words
 * @param request makes the request
 * @param status  the expected 4xx status
 * @param field   the expected {@code field} member, or null where the contract names none
 * @param type    the expected type slug, or null where the contract names none
 */
public record BadInputCase(String name, Function<BadInputFixture, ApiResponse> request, int status, String field, String type) {

    public BadInputCase {
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("bad input must be a 4xx: " + name);
        }
    }

    public static Builder when(String name, Function<BadInputFixture, ApiResponse> request) {
        return new Builder(name, request);
    }

    /** Readable test name, e.g. "email without @ → 400 field=email". */
    public String displayName() {
        return name + " → " + status + (field != null ? " field=" + field : "") + (type != null ? " type=" + type : "");
    }

    public void verify(BadInputFixture fixture) {
        ApiResponse response = request.apply(fixture);
        assertTrue(response.status() < 500, () -> "bad input must never be a 5xx: " + response);
        ProblemAssert problem = ProblemAssert.assertProblem(response, status);
        if (field != null) {
            problem.hasField(field);
        }
        if (type != null) {
            problem.hasType(type);
        }
        if (status == 401) {
            problem.hasBearerChallenge();
        }
    }

    /** Fluent construction: {@code when("…", f -> …).is(400, "email")}. */
    public static final class Builder {
        private final String name;
        private final Function<BadInputFixture, ApiResponse> request;

        private Builder(String name, Function<BadInputFixture, ApiResponse> request) {
            this.name = name;
            this.request = request;
        }

        public BadInputCase is(int status) {
            return new BadInputCase(name, request, status, null, null);
        }

        public BadInputCase is(int status, String field) {
            return new BadInputCase(name, request, status, field, null);
        }

        public BadInputCase is(int status, String field, String type) {
            return new BadInputCase(name, request, status, field, type);
        }

        public BadInputCase isType(int status, String type) {
            return new BadInputCase(name, request, status, null, type);
        }
    }
}
