package dev.spoq.cloud.oauth.provider;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.spoq.cloud.oauth.PendingAuthorization;
import dev.spoq.cloud.oauth.Provider;
import dev.spoq.cloud.oauth.ProviderIdentity;
import dev.spoq.cloud.oauth.ProviderLoginFailed;
import dev.spoq.cloud.oauth.ProviderSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Instant;

/**
 * The one adapter to the sign-in providers (the only code that imports the Nimbus OAuth SDK): an authorization
 * code flow with state, PKCE and, for OpenID Connect, a nonce. {@link #begin} gives the address to send the browser
 * to; {@link #finish} turns the code the provider sent back into a checked {@link ProviderIdentity}.
 */
@ApplicationScoped
public class ProviderClient {

    // the providers' classes are dependents of this one (no proxies), so there is one Google discovery cache

    @Inject
    ProviderSettings settings;

    @Inject
    GoogleSignIn google;

    @Inject
    GitHubSignIn github;

    public PendingAuthorization begin(Provider provider, PendingAuthorization.Purpose purpose, URI redirectUri) {
        ProviderSettings.Client client = client(provider);
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI to = switch (provider) {
            case GOOGLE -> google.authorizationUrl(client, redirectUri, state, nonce, verifier, purpose);
            case GITHUB -> github.authorizationUrl(client, redirectUri, state, verifier);
        };
        return new PendingAuthorization(provider, purpose, state.getValue(), nonce.getValue(), verifier.getValue(), redirectUri,
                to, Instant.now());
    }

    public ProviderIdentity finish(PendingAuthorization pending, String code) {
        if (code == null || code.isBlank() || code.length() > 2048) {
            throw new ProviderLoginFailed(pending.provider().displayName() + " sent no usable answer. Try again.");
        }
        ProviderSettings.Client client = client(pending.provider());
        return switch (pending.provider()) {
            case GOOGLE -> google.identity(client, pending, code);
            case GITHUB -> github.identity(client, pending, code);
        };
    }

    private ProviderSettings.Client client(Provider provider) {
        return settings.client(provider).orElseThrow(() ->
                new ProviderLoginFailed("Signing in with " + provider.displayName() + " is not available here."));
    }
}
