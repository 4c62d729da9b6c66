package dev.spoq.cloud.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Talks to the server under test at {@code spoq.it.base-url}. Every method returns the whole answer
 * (status, headers, body) and never throws for an HTTP error status.
 * <p>
 * Each client appears from an address of its own: the IT server trusts 127.0.0.1 as a proxy, and every
 * request says {@code X-Forwarded-For: 127.x.y.z} (this client's), so per-address limits count each test on
 * its own, as they would count separate people.
 */
public final class ApiClient {

    public static final String JSON = "application/json";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI baseUri;
    private final HttpClient http;
    private final String address;

    public ApiClient() {
        this(System.getProperty("spoq.it.base-url", "http://127.0.0.1:19080"));
    }

    public ApiClient(String baseUrl) {
        // 127.100.0.0 - 127.199.255.255: loopback, and never an address that tests bind to themselves
        this.address = "127." + (100 + RANDOM.nextInt(100)) + "." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
        this.baseUri = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public ApiResponse get(String path, String token) {
        return send("GET", path, bearer(token), null);
    }

    public ApiResponse delete(String path, String token) {
        return send("DELETE", path, bearer(token), null);
    }

    /** POST with a JSON body serialised by Jackson (a JsonNode, Map, String literal…). */
    public ApiResponse post(String path, String token, Object jsonBody) {
        return postRaw(path, token, JSON, Json.write(jsonBody));
    }

    /** POST with exactly this body text and content type (null content type: header left out). */
    public ApiResponse postRaw(String path, String token, String contentType, String rawBody) {
        Map<String, String> headers = bearer(token);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return send("POST", path, headers, rawBody);
    }

    public ApiResponse send(String method, String path, Map<String, String> headers, String body) {
        return send(method, path, headers, body, DEFAULT_TIMEOUT);
    }

    /** The general form; a null body sends none. Throws UncheckedIOException when no answer came. */
    public ApiResponse send(String method, String path, Map<String, String> headers, String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(timeout)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (headers.keySet().stream().noneMatch("X-Forwarded-For"::equalsIgnoreCase)) {
            request.header("X-Forwarded-For", address);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse(method, path, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " got no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /** The client address the server sees for this client's requests. */
    public String address() {
        return address;
    }

    /** Headers carrying {@code Authorization: Bearer <token>}, or none for a null token. */
    public static Map<String, String> bearer(String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return headers;
    }

    /** Percent-encodes one path segment (spaces as %20, slashes encoded). */
    public static String segment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
