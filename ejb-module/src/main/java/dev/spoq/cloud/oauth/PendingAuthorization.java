package dev.spoq.cloud.oauth;

import java.io.Serializable;
import java.net.URI;
import java.time.Instant;

/**
 * A sign-in sent to a provider and not back yet, kept in the browser's session: the state that ties the provider's
 * answer to this session (no login CSRF), the OpenID nonce, the PKCE verifier, and the redirect URI the code is for.
 */
public record PendingAuthorization(Provider provider, String state, String nonce, String codeVerifier,
                                   URI redirectUri, URI authorizationUrl, Instant startedAt) implements Serializable {
}
