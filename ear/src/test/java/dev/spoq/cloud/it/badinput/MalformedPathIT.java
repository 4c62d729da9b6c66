package dev.spoq.cloud.it.badinput;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every address under /api and /internal answers problem+json with a 4xx when it is malformed, also where
 * Liberty's web container refuses it before JAX-RS runs (encoded slashes, dot segments): never a 5xx,
 * never an HTML page. Sent raw, as a hostile client would, with and without credentials.
 */
class MalformedPathIT {

    private static final String BASE = System.getProperty("spoq.it.base-url", "http://127.0.0.1:19080");
    private static final String INTERNAL_TOKEN = System.getProperty("spoq.it.internal-token", "");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    void malformedOrUnknownPathsAnswerProblemJson(String method, String path, int status) throws Exception {
        HttpResponse<String> response = send(method, path, path.startsWith("/internal") ? INTERNAL_TOKEN : null);
        assertEquals(status, response.statusCode(), () -> method + " " + path + ": " + response.body());
        assertProblem(response, path);
    }

    @ParameterizedTest(name = "anonymous {0} {1}")
    @CsvSource({"DELETE, /api/devices/..%2F..%2Fstatus", "GET, /internal/containers/x%2Fy/status"})
    void malformedPathsAreAClientErrorEvenWithoutCredentials(String method, String path) throws Exception {
        HttpResponse<String> response = send(method, path, null);
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500,
                () -> method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        assertProblem(response, path);
    }

    private static void assertProblem(HttpResponse<String> response, String path) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/problem+json"), () -> path + " answered " + type + ": " + response.body());
        assertTrue(response.body().contains("\"type\":\"https://spoq.dev/problems/"), response::body);
        assertTrue(response.body().contains("\"detail\":"), response::body);
    }

    private static HttpResponse<String> send(String method, String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
