package dev.spoq.cloud.oauth.provider;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.spoq.cloud.oauth.ProviderLoginFailed;
import dev.spoq.cloud.oauth.ProviderSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/**
 * Calls to a provider: bounded in time (a slow provider must not hold a request thread), over the JVM's TLS trust
 * or the one of {@code spoq.oauth.trust-store}; the store is read again when its file changes.
 */
@Dependent
class ProviderHttp {

    @Inject
    ProviderSettings settings;

    private record LoadedTrust(Path file, long modified, SSLSocketFactory factory) {
    }

    private volatile LoadedTrust trust;

    HTTPResponse send(HTTPRequest request, String what) {
        int timeoutMillis = (int) settings.timeout().toMillis();
        request.setConnectTimeout(timeoutMillis);
        request.setReadTimeout(timeoutMillis);
        request.setFollowRedirects(false);
        sslSocketFactory().ifPresent(request::setSSLSocketFactory);
        try {
            return request.send();
        } catch (IOException e) {
            throw new ProviderLoginFailed("We could not reach " + what + " just now. Try again in a minute.", e);
        }
    }

    HTTPRequest get(URI uri) {
        return new HTTPRequest(HTTPRequest.Method.GET, uri);
    }

    private Optional<SSLSocketFactory> sslSocketFactory() {
        Optional<Path> file = settings.trustStore();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            long modified = Files.getLastModifiedTime(file.get()).toMillis();
            LoadedTrust loaded = trust;
            if (loaded == null || !loaded.file().equals(file.get()) || loaded.modified() != modified) {
                loaded = new LoadedTrust(file.get(), modified, load(file.get()));
                trust = loaded;
            }
            return Optional.of(loaded.factory());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("spoq.oauth.trust-store cannot be read: " + file.get(), e);
        }
    }

    private SSLSocketFactory load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, settings.trustStorePassword());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
