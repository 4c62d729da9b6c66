package dev.spoq.cloud.oauth;

import java.io.Serializable;

/**
 * Who a provider says signed in, after its answer was checked (ID token signature, issuer, audience, nonce; or
 * GitHub's API with the access token): its stable subject, and the email with whether the provider verified it.
 */
public record ProviderIdentity(Provider provider, String subject, String email, boolean emailVerified)
        implements Serializable {
}
