package dev.spoq.cloud.oauth;

import java.io.Serializable;
import java.net.URI;
import java.time.Instant;

/**
 * A sign-in sent to a provider and not back yet, kept in the browser's session: the state that ties the provider's
 * answer to this session (no login CSRF), the OpenID nonce, the PKCE verifier, the redirect URI the code is for, and
 * what the answer is for.
 */
public record PendingAuthorization(Provider provider, Purpose purpose, String state, String nonce, String codeVerifier,
                                   URI redirectUri, URI authorizationUrl, Instant startedAt) implements Serializable {

    public enum Purpose {
        /** Log in, or sign up. */
        SIGN_IN,
        /** Prove again, as the account's own provider login, that its owner wants it deleted (instead of a password). */
        LEAVE
    }
}
