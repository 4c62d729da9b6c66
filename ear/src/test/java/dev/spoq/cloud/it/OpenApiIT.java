package dev.spoq.cloud.it;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /openapi documents every public path; /openapi/ui answers (both on the operator endpoint, see OperatorEndpointsIT). */
class OpenApiIT {

    /** Public paths with their parameters written as {}: the parameter names are the server's choice. */
    private static final List<String> PUBLIC_PATHS = List.of(
            "/api/auth/register",
            "/api/auth/login",
            "/api/auth/logout",
            "/api/subdomain/check/{}",
            "/api/setup/subdomain",
            "/api/setup/profile",
            "/api/devices/add",
            "/api/devices",
            "/api/devices/{}",
            "/api/status",
            "/api/account",
            "/api/account/verify-email",
            "/api/account/verify-email/resend",
            "/api/account/password-reset",
            "/api/account/password-reset/complete",
            "/api/account/password",
            "/api/account/logout-everywhere",
            "/api/account/delete",
            "/api/profiles/{}");

    /** A path key of the YAML "paths:" map, e.g. {@code   /api/devices/{id}:} or {@code   "/api/status":}. */
    private static final Pattern PATH_KEY = Pattern.compile("(?m)^\\s+['\"]?(/[^'\":\\s]*)['\"]?:\\s*$");

    private final ApiClient api = new ApiClient(System.getProperty("spoq.it.operator-url", "http://127.0.0.1:19081"));

    @Test
    void openApiDocumentListsEveryPublicPath() {
        ApiResponse response = api.get("/openapi", null);
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.body().contains("openapi:"), "expected a YAML OpenAPI document: " + response);

        Set<String> documented = new LinkedHashSet<>();
        Matcher matcher = PATH_KEY.matcher(response.body());
        while (matcher.find()) {
            documented.add(matcher.group(1).replaceAll("\\{[^}]*}", "{}"));
        }

        for (String path : PUBLIC_PATHS) {
            assertTrue(documented.contains(path), path + " is missing from /openapi; documented: " + documented);
        }
    }

    @Test
    void openApiUiAnswers200WithHtml() {
        ApiResponse response = api.get("/openapi/ui", null);
        if (response.status() / 100 == 3) {
            String location = response.header("Location").orElse("");
            response = api.get(location.replaceFirst("^https?://[^/]+", ""), null);
        }

        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("text/html"), response.toString());
    }
}
