package dev.spoq.cloud.oauth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a provider's button shows (its client id and secret both set), and what its settings default to. */
class ProviderSettingsTest {

    private static ProviderSettings with(Map<String, String> values) {
        return new ProviderSettings() {
            @Override
            protected Optional<String> setting(String key) {
                return Optional.ofNullable(values.get(key));
            }
        };
    }

    @Test
    void aProviderIsOfferedOnlyWithItsIdAndItsSecret() {
        ProviderSettings settings = with(Map.of(
                "spoq.oauth.google.client-id", "123.apps.googleusercontent.com",
                "spoq.oauth.google.client-secret", "s3cret",
                "spoq.oauth.github.client-id", "Iv1.abc",
                "spoq.oauth.github.client-secret", "   "));
        assertTrue(settings.configured(Provider.GOOGLE));
        assertEquals(Optional.of(new ProviderSettings.Client("123.apps.googleusercontent.com", "s3cret")),
                settings.client(Provider.GOOGLE));
        assertFalse(settings.configured(Provider.GITHUB), "a blank secret is no secret");
        assertFalse(with(Map.of()).configured(Provider.GOOGLE));
        assertFalse(with(Map.of("spoq.oauth.github.client-secret", "x")).configured(Provider.GITHUB), "no id");
    }

    @Test
    void theRealProvidersByDefault() {
        ProviderSettings settings = with(Map.of());
        assertEquals(URI.create("https://accounts.google.com"), settings.googleIssuer());
        assertEquals(URI.create("https://github.com/login/oauth/authorize"), settings.githubAuthorizationEndpoint());
        assertEquals(URI.create("https://github.com/login/oauth/access_token"), settings.githubTokenEndpoint());
        assertEquals(URI.create("https://api.github.com/user"), settings.githubUserApi());
        assertEquals(URI.create("https://api.github.com/user/emails"), settings.githubEmailsApi());
        assertEquals(List.of("read:user", "user:email"), settings.githubScope());
        assertEquals(Optional.empty(), settings.trustStore());
    }

    @Test
    void scopesBySpacesOrCommas() {
        assertEquals(List.of("openid", "read:user", "user:email"),
                with(Map.of("spoq.oauth.github.scope", "openid,read:user, user:email")).githubScope());
    }
}
