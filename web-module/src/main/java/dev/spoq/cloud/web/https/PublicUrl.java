package dev.spoq.cloud.web.https;

import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The site's public address ({@code spoq.public-url}), as far as transport security goes: when people reach
 * the site by HTTPS (the usual case, TLS ended at a proxy in front of Liberty), the session cookie is
 * {@code Secure} and every answer carries HSTS; a plain-HTTP development address gets neither, or the
 * browser would drop the cookie and the login would never stick.
 */
public record PublicUrl(Optional<URI> uri) {

    /** One year, the value HSTS preload lists ask for; no includeSubDomains: users' subdomains are SSH, not ours to pin. */
    static final String HSTS = "max-age=31536000";

    public static PublicUrl configured() {
        return of(ConfigProvider.getConfig().getOptionalValue("spoq.public-url", String.class).orElse(null));
    }

    public static PublicUrl of(String value) {
        if (value == null || value.isBlank()) {
            return new PublicUrl(Optional.empty());
        }
        URI uri = URI.create(value.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("spoq.public-url must be an absolute http(s) URL, e.g. https://spoq.dev: " + value);
        }
        return new PublicUrl(Optional.of(uri));
    }

    public boolean isHttps() {
        return uri.map(u -> u.getScheme().toLowerCase(Locale.ROOT).equals("https")).orElse(false);
    }

    /** The Strict-Transport-Security header to send, if any. */
    public Optional<String> strictTransportSecurity() {
        return isHttps() ? Optional.of(HSTS) : Optional.empty();
    }
}
