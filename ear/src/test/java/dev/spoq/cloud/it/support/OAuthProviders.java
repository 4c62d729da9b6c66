package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.http.Ssl;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sign-in providers of the IT server, in this JVM: one real OAuth 2 / OpenID Connect server
 * (no.nav.security:mock-oauth2-server) with two issuers, "google" (OpenID Connect, discovery, signed ID tokens)
 * and "github" (its authorize and token endpoints), over TLS with a self-signed certificate made here; and, since
 * GitHub's user API is no OAuth endpoint, a small stand-in for {@code /user} and {@code /user/emails} that asks the
 * mock server's userinfo who the bearer token is (so only tokens it issued work) and answers in GitHub's shape.
 * Its interactive login page takes the subject and the claims (email, email_verified) the test types.
 * The certificate goes into the trust store the IT server reads ({@code spoq.oauth.trust-store}, ear/pom.xml).
 */
public final class OAuthProviders {

    public static final String GOOGLE = "google";
    public static final String GITHUB = "github";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static MockOAuth2Server server;
    private static HttpsServer githubApi;
    private static String certificateSpki;
    private static HttpClient client;

    private OAuthProviders() {
    }

    public static synchronized void ensureStarted() {
        if (server != null) {
            return;
        }
        try {
            Ssl ssl = new Ssl();
            KeyStore keys = ssl.getSslKeystore().getKeyStore();
            X509Certificate certificate = (X509Certificate) keys.getCertificate(keys.aliases().nextElement());
            certificateSpki = Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
            SSLContext trusting = writeTrustStore(certificate);
            client = HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofSeconds(5)).build();

            server = new MockOAuth2Server(new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(),
                    Set.of(), new NettyWrapper(ssl)));
            server.start(InetAddress.getByName("127.0.0.1"), port("spoq.it.oauth.port", 18095));

            githubApi = HttpsServer.create(new InetSocketAddress("127.0.0.1", port("spoq.it.oauth.github-api.port", 18096)), 0);
            githubApi.setHttpsConfigurator(new HttpsConfigurator(ssl.sslContext()));
            githubApi.createContext("/user", OAuthProviders::githubUser);
            githubApi.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                githubApi.stop(0);
                server.shutdown();
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 of the SHA-256 of the certificate's public key: what Chromium's --ignore-certificate-errors-spki-list takes. */
    public static String certificateSpki() {
        ensureStarted();
        return certificateSpki;
    }

    /** The claims a provider's account has, as typed into the mock server's login page. */
    public static String claims(String email, boolean verified) {
        return json(Map.of("email", email, "email_verified", verified));
    }

    /** A verified email and auth_time now: what Google's ID token says after it asked the person to sign in again (max_age=0). */
    public static String freshLoginClaims(String email) {
        return json(Map.of("email", email, "email_verified", true, "auth_time", System.currentTimeMillis() / 1000));
    }

    private static String json(Map<String, Object> claims) {
        try {
            return JSON.writeValueAsString(claims);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SSLContext writeTrustStore(X509Certificate certificate) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null);
        trust.setCertificateEntry("it-oauth-providers", certificate);
        Path file = Path.of(System.getProperty("spoq.it.oauth.trust-store", "target/it-oauth/truststore.p12"));
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            trust.store(out, System.getProperty("spoq.it.oauth.trust-store-password", "it-only-oauth-trust").toCharArray());
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        managers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, managers.getTrustManagers(), null);
        return context;
    }

    /** GitHub's GET /user (the numeric id) and GET /user/emails (the account's one address, primary, verified as claimed). */
    private static void githubUser(HttpExchange exchange) throws IOException {
        try (exchange) {
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            JsonNode claims = bearer == null ? null : userinfo(bearer);
            if (claims == null) {
                answer(exchange, 401, Map.of("message", "Bad credentials"));
                return;
            }
            String subject = claims.path("sub").asText();
            switch (exchange.getRequestURI().getPath()) {
                case "/user" -> answer(exchange, 200, Map.of("id", Long.parseLong(subject), "login", "it-" + subject));
                case "/user/emails" -> answer(exchange, 200, List.of(
                        Map.of("email", claims.path("email").asText(), "primary", true,
                                "verified", claims.path("email_verified").asBoolean(false), "visibility", "private"),
                        Map.of("email", subject + "@users.noreply.github.test", "primary", false, "verified", true,
                                "visibility", "private")));
                default -> answer(exchange, 404, Map.of("message", "Not Found"));
            }
        }
    }

    private static JsonNode userinfo(String bearer) throws IOException {
        // by the address the IT server used: the mock server names its issuer after the address it was asked at
        URI userinfo = URI.create("https://127.0.0.1:" + port("spoq.it.oauth.port", 18095) + "/" + GITHUB + "/userinfo");
        HttpRequest request = HttpRequest.newBuilder(userinfo)
                .header("Authorization", bearer).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static int port(String property, int fallback) {
        return Integer.parseInt(System.getProperty(property, String.valueOf(fallback)));
    }
}
