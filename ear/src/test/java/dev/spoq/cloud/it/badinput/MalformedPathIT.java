package dev.spoq.cloud.it.badinput;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.OpsClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every address under /api and /internal answers problem+json with a 4xx when it is malformed, also where
 * Liberty's web container refuses it before JAX-RS runs (encoded slashes, dot segments): never a 5xx,
 * never an HTML page. Sent raw, as a hostile client would, with and without credentials.
 */
class MalformedPathIT {

    private final ApiClient api = new ApiClient();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "DELETE, /api/devices/..%2F..%2Fstatus, 400",
            "DELETE, /api/devices/..%2f..%2fstatus, 400",
            "DELETE, /api/devices/%2e%2e, 400",
            "GET,    /api/subdomain/check/a%2Fb, 400",
            "GET,    /api/subdomain/check/a%5Cb, 400",
            "GET,    /internal/containers/x%2Fy/status, 400",
            "DELETE, /internal/containers/..%2F..%2Fapi%2Fstatus, 400",
            "GET,    /api/no-such-thing, 404",
            "GET,    /internal/no-such-thing, 404",
            "GET,    /internal/containers/not-a-uuid/status, 404"})
    void malformedOrUnknownPathsAnswerProblemJson(String method, String path, int status) {
        String token = path.startsWith("/internal") ? OpsClient.internalToken() : null;
        ApiResponse response = api.send(method, path, ApiClient.bearer(token), null);
        assertProblem(response, status);
        assertHasDetail(response);
    }

    @ParameterizedTest(name = "anonymous {0} {1}")
    @CsvSource({"DELETE, /api/devices/..%2F..%2Fstatus", "GET, /internal/containers/x%2Fy/status"})
    void malformedPathsAreAClientErrorEvenWithoutCredentials(String method, String path) {
        ApiResponse response = api.send(method, path, ApiClient.bearer(null), null);
        assertTrue(response.status() >= 400 && response.status() < 500, response::toString);
        assertProblem(response, response.status());
        assertHasDetail(response);
    }

    private static void assertHasDetail(ApiResponse response) {
        assertTrue(response.body().contains("\"detail\":"), response::toString);
    }
}
