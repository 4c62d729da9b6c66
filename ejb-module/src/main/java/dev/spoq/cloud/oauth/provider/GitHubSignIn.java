package dev.spoq.cloud.oauth.provider;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.util.JSONArrayUtils;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.spoq.cloud.oauth.PendingAuthorization;
import dev.spoq.cloud.oauth.Provider;
import dev.spoq.cloud.oauth.ProviderIdentity;
import dev.spoq.cloud.oauth.ProviderLoginFailed;
import dev.spoq.cloud.oauth.ProviderSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * GitHub by OAuth 2 (it has no OpenID Connect for apps): the access token asks its API who this is (/user: the
 * numeric id, which never changes, unlike the login name) and which address is primary and verified (/user/emails).
 */
@Dependent
class GitHubSignIn {

    private static final Logger LOG = Logger.getLogger(GitHubSignIn.class.getName());

    @Inject
    ProviderSettings settings;

    @Inject
    ProviderHttp http;

    URI authorizationUrl(ProviderSettings.Client client, URI redirectUri, State state, CodeVerifier verifier) {
        return new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(client.id()))
                .endpointURI(settings.githubAuthorizationEndpoint())
                .redirectionURI(redirectUri)
                .scope(new Scope(settings.githubScope().toArray(String[]::new)))
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
    }

    ProviderIdentity identity(ProviderSettings.Client client, PendingAuthorization pending, String code) {
        AccessToken token = accessToken(client, pending, code);
        Map<String, Object> user = object(api(settings.githubUserApi(), token));
        Object id = user.get("id");
        if (!(id instanceof Number) && !(id instanceof String)) {
            throw new ProviderLoginFailed("GitHub did not say who you are. Try again.");
        }
        String subject = id instanceof Number n ? Long.toString(n.longValue()) : (String) id;
        PrimaryEmail primary = primaryOf(array(api(settings.githubEmailsApi(), token)));
        return new ProviderIdentity(Provider.GITHUB, subject, primary.email(), primary.verified());
    }

    /** The account's address as GitHub says it: the primary one, and whether GitHub verified it. */
    record PrimaryEmail(String email, boolean verified) {
    }

    /**
     * The primary entry of /user/emails. Only the primary address counts, verified or not: another verified address
     * of the account is not the one its owner chose to be reached at. None: no address (the account then makes none).
     */
    static PrimaryEmail primaryOf(List<Object> entries) {
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> address && Boolean.TRUE.equals(address.get("primary"))
                    && address.get("email") instanceof String email) {
                return new PrimaryEmail(email, Boolean.TRUE.equals(address.get("verified")));
            }
        }
        return new PrimaryEmail(null, false);
    }

    private AccessToken accessToken(ProviderSettings.Client client, PendingAuthorization pending, String code) {
        TokenRequest request = new TokenRequest(settings.githubTokenEndpoint(),
                new ClientSecretPost(new ClientID(client.id()), new Secret(client.secret())),
                new AuthorizationCodeGrant(new AuthorizationCode(code), pending.redirectUri(),
                        new CodeVerifier(pending.codeVerifier())));
        HTTPRequest http = request.toHTTPRequest();
        // GitHub answers form-encoded unless asked for JSON
        http.setAccept("application/json");
        try {
            HTTPResponse answer = this.http.send(http, "GitHub");
            TokenResponse parsed = TokenResponse.parse(answer);
            if (!parsed.indicatesSuccess()) {
                LOG.info(() -> "GitHub refused a code: " + parsed.toErrorResponse().getErrorObject());
                throw new ProviderLoginFailed("GitHub did not accept this sign-in (it may have expired). Try again.");
            }
            return parsed.toSuccessResponse().getTokens().getAccessToken();
        } catch (ParseException e) {
            // GitHub answers an unusable code with 200 and {"error": ...}, which is no token response
            throw new ProviderLoginFailed("GitHub did not accept this sign-in (it may have expired). Try again.", e);
        }
    }

    private String api(URI uri, AccessToken token) {
        HTTPRequest request = http.get(uri);
        request.setAuthorization(token.toAuthorizationHeader());
        request.setAccept("application/vnd.github+json");
        request.setHeader("X-GitHub-Api-Version", "2022-11-28");
        request.setHeader("User-Agent", "Spoq-Cloud");
        HTTPResponse answer = http.send(request, "GitHub");
        if (answer.getStatusCode() != 200) {
            LOG.info(() -> "GitHub's API answered " + answer.getStatusCode() + " for " + uri.getPath());
            throw new ProviderLoginFailed("GitHub did not tell us your account's email. Try again.");
        }
        return answer.getBody();
    }

    private static Map<String, Object> object(String body) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            throw new ProviderLoginFailed("GitHub's answer could not be read. Try again.", e);
        }
    }

    private static List<Object> array(String body) {
        try {
            return JSONArrayUtils.parse(body);
        } catch (ParseException e) {
            throw new ProviderLoginFailed("GitHub's answer could not be read. Try again.", e);
        }
    }
}
