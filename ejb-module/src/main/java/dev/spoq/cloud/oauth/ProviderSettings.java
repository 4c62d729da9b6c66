package dev.spoq.cloud.oauth;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The providers' settings, {@code spoq.oauth.google.*} and {@code spoq.oauth.github.*} (README, "Sign in with
 * Google or GitHub"). A provider is offered only when both its client id and its secret are set.
 */
@ApplicationScoped
public class ProviderSettings {

    /** The registered client at a provider. */
    public record Client(String id, String secret) {
    }

    public boolean configured(Provider provider) {
        return client(provider).isPresent();
    }

    public Optional<Client> client(Provider provider) {
        Optional<String> id = value(provider, "client-id");
        Optional<String> secret = value(provider, "client-secret");
        return id.isPresent() && secret.isPresent() ? Optional.of(new Client(id.get(), secret.get())) : Optional.empty();
    }

    /** Google's OpenID Connect issuer; its endpoints and keys come from the issuer's discovery document. */
    public URI googleIssuer() {
        return uri(Provider.GOOGLE, "issuer", "https://accounts.google.com");
    }

    public URI githubAuthorizationEndpoint() {
        return uri(Provider.GITHUB, "authorization-endpoint", "https://github.com/login/oauth/authorize");
    }

    public URI githubTokenEndpoint() {
        return uri(Provider.GITHUB, "token-endpoint", "https://github.com/login/oauth/access_token");
    }

    /** What GitHub is asked for: the profile (its id) and the addresses; the tests' OpenID server also wants "openid". */
    public List<String> githubScope() {
        return List.of(value(Provider.GITHUB, "scope").orElse("read:user user:email").split("[\\s,]+"));
    }

    public URI githubUserApi() {
        return uri(Provider.GITHUB, "user-api", "https://api.github.com/user");
    }

    public URI githubEmailsApi() {
        return uri(Provider.GITHUB, "emails-api", "https://api.github.com/user/emails");
    }

    /** How long one call to a provider may take (connect, then read): a slow provider must not hold a request thread. */
    public Duration timeout() {
        return Duration.ofSeconds(setting("spoq.oauth.timeout-seconds").map(String::strip).map(Integer::parseInt).orElse(10));
    }

    /** A PKCS#12 trust store for the providers' TLS (a company's own CA); unset: the JVM's usual trust. */
    public Optional<Path> trustStore() {
        return setting("spoq.oauth.trust-store").filter(s -> !s.isBlank()).map(Path::of);
    }

    public char[] trustStorePassword() {
        return setting("spoq.oauth.trust-store-password").orElse("").toCharArray();
    }

    private URI uri(Provider provider, String key, String fallback) {
        return URI.create(value(provider, key).orElse(fallback));
    }

    private Optional<String> value(Provider provider, String key) {
        return setting("spoq.oauth." + provider.wireName() + "." + key).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** One setting as MicroProfile Config has it (read at each use: no restart to add a provider's secret). */
    protected Optional<String> setting(String key) {
        return config().getOptionalValue(key, String.class);
    }

    private static Config config() {
        return ConfigProvider.getConfig(ProviderSettings.class.getClassLoader());
    }
}
