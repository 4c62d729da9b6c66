package dev.spoq.cloud.oauth.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.spoq.cloud.oauth.PendingAuthorization;
import dev.spoq.cloud.oauth.ProviderIdentity;
import dev.spoq.cloud.oauth.ProviderLoginFailed;
import dev.spoq.cloud.oauth.ProviderSettings;
import dev.spoq.cloud.oauth.Provider;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Google by OpenID Connect: endpoints and signing keys from the issuer's discovery document; the ID token's
 * signature, issuer, audience, expiry and nonce are checked before its sub, email and email_verified are believed.
 */
@Dependent
class GoogleSignIn {

    private static final Logger LOG = Logger.getLogger(GoogleSignIn.class.getName());
    private static final Duration KEEP_DISCOVERY = Duration.ofHours(1);
    /** Clocks differ a little between Google and us. */
    private static final Duration FRESH_LOGIN_SLACK = Duration.ofMinutes(1);

    @Inject
    ProviderSettings settings;

    @Inject
    ProviderHttp http;

    private record Discovered(URI issuer, OIDCProviderMetadata metadata, JWKSet keys, Instant at) {
    }

    private volatile Discovered discovered;

    URI authorizationUrl(ProviderSettings.Client client, URI redirectUri, State state, Nonce nonce, CodeVerifier verifier,
                         PendingAuthorization.Purpose purpose) {
        OIDCProviderMetadata metadata = discovery(false).metadata();
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email"),
                new ClientID(client.id()), redirectUri)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (purpose == PendingAuthorization.Purpose.LEAVE) {
            // deleting an account: a browser's lingering Google session is not enough, Google asks for the login again
            request.prompt(new Prompt(Prompt.Type.LOGIN)).maxAge(0);
        }
        return request.build().toURI();
    }

    ProviderIdentity identity(ProviderSettings.Client client, PendingAuthorization pending, String code) {
        Discovered known = discovery(false);
        TokenRequest request = new TokenRequest(known.metadata().getTokenEndpointURI(),
                authentication(known.metadata(), client),
                new AuthorizationCodeGrant(new AuthorizationCode(code), pending.redirectUri(),
                        new CodeVerifier(pending.codeVerifier())));
        HTTPResponse answer = http.send(request.toHTTPRequest(), "Google");
        JWT idToken;
        try {
            TokenResponse parsed = OIDCTokenResponseParser.parse(answer);
            if (!parsed.indicatesSuccess()) {
                TokenErrorResponse error = parsed.toErrorResponse();
                LOG.info(() -> "Google refused a code: " + error.getErrorObject());
                throw new ProviderLoginFailed("Google did not accept this sign-in (it may have expired). Try again.");
            }
            idToken = ((OIDCTokenResponse) parsed.toSuccessResponse()).getOIDCTokens().getIDToken();
        } catch (ParseException | ClassCastException e) {
            throw new ProviderLoginFailed("Google's answer could not be read. Try again.", e);
        }
        IDTokenClaimsSet claims = validated(known, client, idToken, new Nonce(pending.nonce()));
        if (pending.purpose() == PendingAuthorization.Purpose.LEAVE) {
            requireFreshLogin(claims, pending);
        }
        Object verified = claims.getClaim("email_verified");
        return new ProviderIdentity(Provider.GOOGLE, claims.getSubject().getValue(), claims.getStringClaim("email"),
                Boolean.TRUE.equals(verified) || "true".equals(verified));
    }

    /** With max_age=0 the ID token must say when the person signed in (auth_time): after this deletion began. */
    private static void requireFreshLogin(IDTokenClaimsSet claims, PendingAuthorization pending) {
        Date at = claims.getAuthenticationTime();
        if (at == null || at.toInstant().isBefore(pending.startedAt().minus(FRESH_LOGIN_SLACK))) {
            throw new ProviderLoginFailed("Google did not ask you to sign in again, so we cannot be sure it is you. "
                    + "Try again; your account was not deleted.");
        }
    }

    private IDTokenClaimsSet validated(Discovered known, ProviderSettings.Client client, JWT idToken, Nonce nonce) {
        try {
            return validator(known, client, idToken).validate(idToken, nonce);
        } catch (BadJOSEException first) {
            // Google rotates its keys: a token signed with a key we have not seen yet is checked once more with fresh keys
            Discovered fresh = discovery(true);
            try {
                return validator(fresh, client, idToken).validate(idToken, nonce);
            } catch (BadJOSEException | JOSEException e) {
                LOG.log(Level.WARNING, "An ID token failed its checks", e);
                throw new ProviderLoginFailed("Google's answer did not pass our checks. Try again.", e);
            }
        } catch (JOSEException e) {
            throw new ProviderLoginFailed("Google's answer did not pass our checks. Try again.", e);
        }
    }

    /**
     * Checks with the algorithm the token names, if it is a public-key signature the issuer says it uses (never
     * "none" nor a shared-secret HMAC); Google signs with RS256.
     */
    private static IDTokenValidator validator(Discovered known, ProviderSettings.Client client, JWT idToken) {
        List<JWSAlgorithm> offered = known.metadata().getIDTokenJWSAlgs();
        JWSAlgorithm named = idToken.getHeader().getAlgorithm() instanceof JWSAlgorithm jws ? jws : null;
        boolean acceptable = named != null && JWSAlgorithm.Family.SIGNATURE.contains(named)
                && (offered == null || offered.isEmpty() ? named.equals(JWSAlgorithm.RS256) : offered.contains(named));
        if (!acceptable) {
            throw new ProviderLoginFailed("Google's answer did not pass our checks. Try again.");
        }
        return new IDTokenValidator(known.metadata().getIssuer(), new ClientID(client.id()), named, known.keys());
    }

    private static ClientAuthentication authentication(OIDCProviderMetadata metadata, ProviderSettings.Client client) {
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        boolean basic = methods == null || methods.isEmpty() || methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        return basic ? new ClientSecretBasic(new ClientID(client.id()), new Secret(client.secret()))
                : new ClientSecretPost(new ClientID(client.id()), new Secret(client.secret()));
    }

    private Discovered discovery(boolean refresh) {
        URI issuer = settings.googleIssuer();
        Discovered known = discovered;
        if (!refresh && known != null && known.issuer().equals(issuer)
                && known.at().plus(KEEP_DISCOVERY).isAfter(Instant.now())) {
            return known;
        }
        String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
        try {
            HTTPResponse document = http.send(http.get(URI.create(base + ".well-known/openid-configuration")), "Google");
            document.ensureStatusCode(200);
            OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(document.getBodyAsJSONObject());
            if (!metadata.getIssuer().equals(new Issuer(issuer))) {
                throw new ProviderLoginFailed("Google's settings here do not match its discovery document.");
            }
            HTTPResponse keys = http.send(http.get(metadata.getJWKSetURI()), "Google");
            keys.ensureStatusCode(200);
            Discovered fresh = new Discovered(issuer, metadata, JWKSet.parse(keys.getBody()), Instant.now());
            discovered = fresh;
            return fresh;
        } catch (ParseException | java.text.ParseException e) {
            throw new ProviderLoginFailed("We could not read Google's sign-in settings. Try again later.", e);
        }
    }
}
