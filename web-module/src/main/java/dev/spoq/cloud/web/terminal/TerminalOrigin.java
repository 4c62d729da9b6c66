package dev.spoq.cloud.web.terminal;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may open a terminal WebSocket: only pages of our own site. Browsers send a WebSocket handshake to any site with
 * that site's cookies, so without this check any page on the web could drive a logged-in visitor's terminal
 * (cross-site WebSocket hijacking). The {@code Origin} must be the public address ({@code spoq.public-url}) or, when
 * none is configured (development), the very host the request was sent to. A handshake without an Origin (no browser
 * sends one) is refused too.
 */
public record TerminalOrigin(Optional<URI> publicUrl) {

    public boolean allows(String origin, String host, boolean secure) {
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return false;
        }
        URI from;
        try {
            from = URI.create(origin.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (from.getScheme() == null || from.getHost() == null || from.getRawPath() != null && !from.getRawPath().isEmpty()) {
            return false;
        }
        if (publicUrl.isPresent()) {
            URI site = publicUrl.get();
            return same(from.getScheme(), site.getScheme()) && same(from.getHost(), site.getHost())
                    && port(from) == port(site);
        }
        if (host == null || host.isBlank()) {
            return false;
        }
        URI self = URI.create((secure ? "https" : "http") + "://" + host.strip());
        return same(from.getScheme(), self.getScheme()) && same(from.getHost(), self.getHost()) && port(from) == port(self);
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
