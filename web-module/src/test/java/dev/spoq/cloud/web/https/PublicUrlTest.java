package dev.spoq.cloud.web.https;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublicUrlTest {

    @Test
    void anHttpsSiteGetsSecureCookiesAndHsts() {
        PublicUrl site = PublicUrl.of("https://spoq.dev");
        assertTrue(site.isHttps());
        assertEquals(Optional.of("max-age=31536000"), site.strictTransportSecurity());
        assertTrue(PublicUrl.of(" HTTPS://spoq.dev/ ").isHttps());
    }

    @Test
    void plainHttpOrNoPublicUrlGetsNeither() {
        for (String value : new String[]{"http://127.0.0.1:9080", "", null}) {
            PublicUrl site = PublicUrl.of(value);
            assertFalse(site.isHttps(), value);
            assertEquals(Optional.empty(), site.strictTransportSecurity(), value);
        }
    }

    @Test
    void aRelativeAddressIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PublicUrl.of("spoq.dev"));
    }
}
