package dev.spoq.cloud.gateway.routing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The control plane's internal gateway API ({@code /internal/gateway/*}), with the internal token. Short
 * timeouts: when the control plane is down the gateway refuses logins at once instead of hanging users.
 */
public class ControlPlaneClient {
    private static final Logger LOG = Logger.getLogger(ControlPlaneClient.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final URI baseUrl;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ControlPlaneClient(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Asks where (login name, key) lives. Empty when the control plane does not know the pair (unknown key,
     * or no profile of that name on the key's account): the caller answers a plain authentication failure.
     *
     * @param publicKey the key in authorized_keys form ({@code ssh-ed25519 AAAA...})
     */
    public Optional<Route> route(String username, String publicKey) throws ControlPlaneUnavailableException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("public_key", publicKey);
        HttpResponse<String> response = post("/internal/gateway/route", body);
        switch (response.statusCode()) {
            case 200:
                try {
                    return Optional.of(json.readValue(response.body(), Route.class));
                } catch (IOException e) {
                    throw new ControlPlaneUnavailableException("The control plane's route answer is not the expected JSON", e);
                }
            case 404:
                return Optional.empty();
            case 401:
            case 403:
                throw new ControlPlaneUnavailableException("The control plane refused the gateway's internal token (HTTP "
                        + response.statusCode() + "): check spoq.internal.token");
            default:
                throw new ControlPlaneUnavailableException("The control plane answered HTTP " + response.statusCode()
                        + " to a route request");
        }
    }

    /** Records that a device just logged in ({@code devices.last_connected_at}); fire-and-forget. */
    public void connected(String deviceId) {
        if (deviceId == null) {
            return;
        }
        HttpRequest request;
        try {
            request = request("/internal/gateway/connected", Map.of("device_id", deviceId));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot encode the connected call", e);
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                LOG.warning("Could not record the login of device " + deviceId + ": " + failure);
            } else if (response.statusCode() / 100 != 2) {
                LOG.warning("The control plane answered HTTP " + response.statusCode() + " when recording the login of device "
                        + deviceId);
            }
        });
    }

    private HttpResponse<String> post(String path, Map<String, String> body) throws ControlPlaneUnavailableException {
        try {
            return http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ControlPlaneUnavailableException("The control plane at " + baseUrl + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneUnavailableException("Interrupted while asking the control plane", e);
        }
    }

    private HttpRequest request(String path, Map<String, String> body) throws IOException {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
    }
}
