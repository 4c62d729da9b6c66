package dev.spoq.cloud.oauth;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The providers' names in addresses (/oauth/google) and settings (spoq.oauth.github.*). */
class ProviderTest {

    @Test
    void byWireNameOnly() {
        assertEquals(Optional.of(Provider.GOOGLE), Provider.ofWireName("google"));
        assertEquals(Optional.of(Provider.GITHUB), Provider.ofWireName("GitHub"));
        assertEquals(Optional.empty(), Provider.ofWireName("facebook"));
        assertEquals(Optional.empty(), Provider.ofWireName(""));
        assertEquals(Optional.empty(), Provider.ofWireName(null));
        assertEquals(Optional.empty(), Provider.ofWireName("GOOGLE "));
    }
}
