package dev.spoq.cloud.it.browser;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages share the address space with JAX-RS (mapped at "/*"): the page addresses go to the
 * FacesServlet, everything else still answers as the API does (JSON, problem+json 404), and nothing
 * reaches a page by another address. Plain HTTP, no browser.
 */
class PageRoutingIT {

    private final ApiClient http = new ApiClient();

    @Test
    void pagesAnswerAtTheirAddressesWithSecurityHeaders() {
        for (String path : List.of("/", "/signup", "/login")) {
            ApiResponse page = get(path);
            assertEquals(200, page.status(), page.toString());
            assertTrue(page.contentType().startsWith("text/html"), page.toString());
            assertTrue(page.body().contains("Spoq Cloud"), path);
            String policy = page.header("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'"), policy);
            assertEquals("no-store", page.header("Cache-Control").orElse("").split(",")[0].strip(), path);
        }
        String cookie = String.join("; ", get("/signup").headers().allValues("Set-Cookie"));
        assertTrue(cookie.contains("JSESSIONID") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
        assertTrue(get("/").body().contains("$15"), "the landing page has the prices");
    }

    @Test
    void membersPagesSendStrangersToLogin() {
        for (String path : List.of("/setup", "/dashboard")) {
            ApiResponse page = get(path);
            assertEquals(303, page.status(), page.toString());
            assertTrue(page.header("Location").orElse("").endsWith("/login"), page.toString());
            ApiResponse post = http.postRaw(path, null, "application/x-www-form-urlencoded", "devices=devices&devices%3AaddDevice=x");
            assertEquals(303, post.status(), post.toString());
        }
        ApiResponse ajax = http.send("POST", "/dashboard", Map.of("Faces-Request", "partial/ajax",
                "Content-Type", "application/x-www-form-urlencoded"), "jakarta.faces.partial.ajax=true");
        assertEquals(200, ajax.status());
        assertTrue(ajax.body().contains("<redirect url=\"/login\">"), ajax.body());
    }

    @Test
    void everythingElseIsStillTheApi() {
        ApiResponse check = get("/api/subdomain/check/alice");
        assertEquals(200, check.status(), check.toString());
        assertTrue(check.contentType().startsWith("application/json"), check.toString());
        for (String path : List.of("/nothing-here", "/api/nope", "/signup.xhtml", "/dashboard.xhtml", "/index.xhtml", "/dashboard/x")) {
            ApiResponse missing = get(path);
            assertEquals(404, missing.status(), missing.toString());
            assertTrue(missing.contentType().startsWith("application/problem+json"), missing.toString());
        }
        assertEquals(401, get("/internal/containers/orphans").status());
    }

    @Test
    void resourcesAreServedButNoPageHidesBehindTheirPrefix() {
        ApiResponse css = get("/jakarta.faces.resource/jakarta.faces.resource/spoq.css?ln=spoq");
        assertEquals(200, css.status(), css.toString());
        assertTrue(css.contentType().startsWith("text/css"), css.toString());
        String landing = get("/").body();
        assertTrue(landing.contains("/jakarta.faces.resource/"), "the pages refer to their resources under the prefix");
        for (String path : List.of("/jakarta.faces.resource/dashboard.xhtml", "/jakarta.faces.resource/setup",
                "/jakarta.faces.resource/signup.xhtml", "/jakarta.faces.resource/WEB-INF/web.xml")) {
            assertEquals(404, get(path).status(), path);
        }
        ApiResponse index = get("/index");
        assertEquals(301, index.status(), index.toString());
        assertTrue(index.header("Location").orElse("").endsWith("/"), index.toString());
    }

    private ApiResponse get(String path) {
        return http.send("GET", path, Map.of(), null);
    }
}
