package dev.spoq.cloud.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** As many as the control plane answers in one session check. */
    public static final int MAX_DEVICES_PER_CHECK = 1000;

    private final URI baseUrl;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ControlPlaneClient(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = HttpClient.newBuilder()
                // plain HTTP/1.1 with kept-alive connections: the JDK's default asks every new connection to upgrade
                // to h2c, and under load Liberty's HTTP/2 writes were seen to hang every executor thread of the
                // control plane (each waiting in H2WriteQEntry), so that no login and no API call was answered
                .version(HttpClient.Version.HTTP_1_1)
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
        return decision("/internal/gateway/route", body);
    }

    /**
     * Checks a pairing code typed after the key's signature was verified: the route of the login when it paired
     * (or the key was confirmed meanwhile), {@link Route.Pairing} with why when it did not, empty when the pair is
     * unknown (the device was removed).
     */
    public Optional<Route> pair(String username, String publicKey, String code) throws ControlPlaneUnavailableException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("public_key", publicKey);
        body.put("code", code);
        return decision("/internal/gateway/pair", body);
    }

    private Optional<Route> decision(String path, Map<String, String> body) throws ControlPlaneUnavailableException {
        HttpResponse<String> response = post(path, body);
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
                        + " to " + path);
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

    /**
     * Of these devices (of the sessions the gateway holds), which have lost access: device id to the words
     * the user reads. At most {@link #MAX_DEVICES_PER_CHECK} ids per call.
     */
    public Map<String, String> endedSessions(List<String> deviceIds) throws ControlPlaneUnavailableException {
        HttpResponse<String> response = post("/internal/gateway/sessions", Map.of("device_ids", deviceIds));
        if (response.statusCode() != 200) {
            throw new ControlPlaneUnavailableException("The control plane answered HTTP " + response.statusCode()
                    + " to a session check");
        }
        try {
            Map<String, String> ended = new LinkedHashMap<>();
            for (JsonNode session : json.readTree(response.body()).path("ended")) {
                ended.put(session.path("device_id").asText(), session.path("message").asText(""));
            }
            return ended;
        } catch (IOException e) {
            throw new ControlPlaneUnavailableException("The control plane's session answer is not the expected JSON", e);
        }
    }

    private HttpResponse<String> post(String path, Map<String, ?> body) throws ControlPlaneUnavailableException {
        try {
            return http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ControlPlaneUnavailableException("The control plane at " + baseUrl + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneUnavailableException("Interrupted while asking the control plane", e);
        }
    }

    private HttpRequest request(String path, Map<String, ?> body) throws IOException {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
    }
}
