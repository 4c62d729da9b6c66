package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.web.api.Problems;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The error page's answer under /api and /internal, for what fails before JAX-RS is reached: the same
 * problem+json (RFC 9457) that the resources answer, so an API client never gets HTML.
 */
final class ApiErrors {

    private ApiErrors() {
    }

    static boolean isApiPath(String contextPath, String uri) {
        String path = uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/internal") || path.startsWith("/internal/");
    }

    static void write(HttpServletResponse response, int status, boolean malformed) throws IOException {
        String problem = malformed
                ? Problems.json(status, "malformed-path", "path",
                "This address has characters that are not allowed in it (such as an encoded slash or dot segment).", Map.of())
                : Problems.jsonForStatus(status);
        response.setStatus(status);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(problem);
    }
}
