package dev.spoq.cloud.web.api;

import jakarta.ws.rs.Path;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;

/**
 * The route a request matched, as its template ({@code /api/devices/{id}}), never the raw path: a metric label made
 * of raw paths would grow a series for every id and every scan of random URLs.
 */
final class RouteTemplate {

    /** Requests answered before any resource matched: unknown paths, 405s, the per-address limit's 429s. */
    static final String UNMATCHED = "unmatched";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private RouteTemplate() {
    }

    static String of(Class<?> resource, Method method) {
        if (resource == null || method == null) {
            return UNMATCHED;
        }
        Path onClass = resource.getAnnotation(Path.class);
        Path onMethod = method.getAnnotation(Path.class);
        return normalise((onClass == null ? "" : onClass.value()) + "/" + (onMethod == null ? "" : onMethod.value()));
    }

    /** "/api/devices/" + "{id: [0-9a-f-]+}" → "/api/devices/{id}": one slash between parts, no regex, no trailing slash. */
    static String normalise(String joined) {
        String template = joined.replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}").replaceAll("/{2,}", "/");
        if (!template.startsWith("/")) {
            template = "/" + template;
        }
        return template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
    }

    /** The HTTP method as a label: one of the few real ones, anything else "other" (names are not ours to multiply). */
    static String method(String method) {
        String upper = method == null ? "" : method.toUpperCase(Locale.ROOT);
        return METHODS.contains(upper) ? upper : "other";
    }

    /** 200 → "2xx". */
    static String statusClass(int status) {
        return status < 100 || status > 599 ? "other" : (status / 100) + "xx";
    }
}
