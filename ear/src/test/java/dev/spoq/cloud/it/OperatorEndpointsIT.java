package dev.spoq.cloud.it;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.OpsClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What strangers reach: /metrics and /openapi (which documents /internal) answer only on the operator endpoint,
 * not on the public one, not even with the internal token; /health stays public. Over plain HTTP (the IT
 * server's address) the session cookie is HttpOnly and SameSite=Lax but not Secure, and there is no HSTS
 * (the HTTPS decision itself: PublicUrlTest).
 */
class OperatorEndpointsIT {

    private final ApiClient publicSide = new ApiClient();
    private final ApiClient operatorSide = new ApiClient(System.getProperty("spoq.it.operator-url", "http://127.0.0.1:19081"));

    @ParameterizedTest
    @ValueSource(strings = {"/metrics", "/openapi", "/openapi/ui", "/metrics/base", "/spoq/metrics"})
    void publiclyTheOperatorsPagesAreNotThere(String path) {
        for (String token : new String[]{null, OpsClient.internalToken()}) {
            ApiResponse answer = publicSide.get(path, token);
            assertEquals(404, answer.status(), answer.toString());
            assertFalse(answer.body().contains("/internal/"), answer.toString());
        }
    }

    @Test
    void theOperatorEndpointServesMetricsAndTheWholeOpenApiDocument() {
        ApiResponse metrics = operatorSide.get("/metrics", null);
        assertEquals(200, metrics.status(), metrics.toString());
        assertTrue(metrics.body().contains("# TYPE"), "Prometheus text expected: " + metrics);

        ApiResponse openapi = operatorSide.get("/openapi", null);
        assertEquals(200, openapi.status(), openapi.toString());
        assertTrue(openapi.body().contains("/internal/gateway/route"), "the operators' document includes /internal: " + openapi);
    }

    @Test
    void healthStaysPublicAndTheApplicationIsNotOnTheOperatorEndpoint() {
        ApiResponse ready = publicSide.get("/health/ready", null);
        assertEquals(200, ready.status(), ready.toString());
        assertTrue(ready.body().contains("\"status\":\"UP\"") && ready.body().contains("database"), ready.toString());
        assertEquals(200, publicSide.get("/health/live", null).status());
        assertEquals(200, operatorSide.get("/health/ready", null).status(), "Liberty's own health for operators");

        assertEquals(404, operatorSide.get("/api/subdomain/check/alice", null).status(), "the API is public-side only");
    }

    @Test
    void overPlainHttpTheSessionCookieIsNotSecureAndThereIsNoHsts() {
        ApiResponse page = publicSide.get("/signup", null);
        String cookie = String.join("; ", page.headers().allValues("Set-Cookie"));
        assertTrue(cookie.contains("JSESSIONID") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
        assertFalse(cookie.toLowerCase().contains("secure"), "no Secure cookie over plain HTTP: " + cookie);
        assertTrue(page.header("Strict-Transport-Security").isEmpty(), page.headers().map().toString());
        assertTrue(publicSide.get("/api/subdomain/check/alice", null).header("Strict-Transport-Security").isEmpty());
    }
}
