package dev.spoq.cloud.web.terminal;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalOriginTest {

    private final TerminalOrigin site = new TerminalOrigin(Optional.of(URI.create("https://spoq.dev")));
    private final TerminalOrigin development = new TerminalOrigin(Optional.empty());

    @Test
    void theConfiguredPublicAddressIsTheOnlyOrigin() {
        assertTrue(site.allows("https://spoq.dev", "127.0.0.5:9080", false));
        assertTrue(site.allows("https://SPOQ.dev:443", "spoq.dev", true));
        assertFalse(site.allows("http://spoq.dev", "spoq.dev", false), "plain http is another origin");
        assertFalse(site.allows("https://alice.spoq.dev", "spoq.dev", true), "a user's subdomain is another origin");
        assertFalse(site.allows("https://spoq.dev.evil.example", "spoq.dev", true));
        assertFalse(site.allows("https://spoq.dev:8443", "spoq.dev", true), "another port");
    }

    @Test
    void withoutOneTheOriginMustBeTheHostTheRequestWentTo() {
        assertTrue(development.allows("http://127.0.0.1:19080", "127.0.0.1:19080", false));
        assertTrue(development.allows("http://localhost", "localhost:80", false));
        assertFalse(development.allows("http://localhost:19080", "127.0.0.1:19080", false), "another host name");
        assertFalse(development.allows("http://evil.example", "127.0.0.1:19080", false));
        assertFalse(development.allows("https://127.0.0.1:19080", "127.0.0.1:19080", false), "another scheme");
        assertFalse(development.allows("http://127.0.0.1:19080", null, false), "no Host");
    }

    @Test
    void noOriginOrAnOpaqueOneIsRefused() {
        for (TerminalOrigin origins : new TerminalOrigin[]{site, development}) {
            assertFalse(origins.allows(null, "spoq.dev", true));
            assertFalse(origins.allows("", "spoq.dev", true));
            assertFalse(origins.allows("null", "spoq.dev", true), "a sandboxed frame or a file: page");
            assertFalse(origins.allows("https://spoq.dev/path", "spoq.dev", true), "an Origin has no path");
            assertFalse(origins.allows("not a url", "spoq.dev", true));
        }
    }
}
