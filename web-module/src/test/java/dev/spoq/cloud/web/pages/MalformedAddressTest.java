package dev.spoq.cloud.web.pages;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MalformedAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/devices/..%2F..%2Fstatus", "/api/devices/..%2f..%2fstatus", "/api/devices/%2e%2e",
            "/a%5Cb", "/x%00y"})
    void escapesLibertyRefusesAreTheClientsMistake(String uri) {
        assertTrue(MalformedAddress.isMalformed(uri), uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/devices/3f2b0c1e-0000-4000-8000-000000000000", "/api/subdomain/check/alice",
            "/jakarta.faces.resource/theme.css", "/api/subdomain/check/a%20b"})
    void ordinaryAddressesAreNot(String uri) {
        assertFalse(MalformedAddress.isMalformed(uri), uri);
    }

    @org.junit.jupiter.api.Test
    void onlyTheContainersOwnRefusalCounts() {
        String uri = "/api/devices/..%2F..%2Fstatus";
        assertTrue(MalformedAddress.isRefusal(uri, new RuntimeException(new java.io.IOException("CWWWC0005I"))));
        assertFalse(MalformedAddress.isRefusal(uri, new IllegalStateException("a bug of ours")), "a bug stays a 500");
        assertFalse(MalformedAddress.isRefusal("/api/devices/x", new java.io.IOException("other")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/devices", "/internal", "/internal/containers/x"})
    void apiAndInternalPathsAnswerProblems(String path) {
        assertTrue(ApiErrors.isApiPath("", path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/dashboard", "/apis", "/internals/x", "/jakarta.faces.resource/api/x"})
    void pagesDoNot(String path) {
        assertFalse(ApiErrors.isApiPath("", path), path);
    }
}
