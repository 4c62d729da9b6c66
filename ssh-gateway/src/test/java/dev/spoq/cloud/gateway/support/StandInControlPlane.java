package dev.spoq.cloud.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A control plane that answers the gateway's internal API exactly as the contract says: a decision
 * (ready, starting, refused, pairing) by (username, public key), 404 problem+json for unknown pairs, 204 for
 * "connected", bearer token checked.
 */
public final class StandInControlPlane implements AutoCloseable {
    public static final String TOKEN = "test-internal-token-0123456789";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, ObjectNode> routes = new ConcurrentHashMap<>();
    private final List<String> connectedDevices = new CopyOnWriteArrayList<>();
    private final AtomicInteger routeRequests = new AtomicInteger();
    private final AtomicInteger sessionChecks = new AtomicInteger();
    private volatile boolean answersSessionChecks = true;
    private volatile long routeDelayMillis;
    private final java.util.Set<String> removedDevices = ConcurrentHashMap.newKeySet();
    private final Map<String, String> pairingCodes = new ConcurrentHashMap<>();
    private final Map<String, Supplier<ObjectNode>> pairedRoutes = new ConcurrentHashMap<>();
    private final List<String> codesTyped = new CopyOnWriteArrayList<>();

    public StandInControlPlane() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        // answers in parallel, as a real control plane does (a slow answer holds up no other)
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/internal/gateway/route", this::route);
        server.createContext("/internal/gateway/pair", this::pair);
        server.createContext("/internal/gateway/connected", this::connected);
        server.createContext("/internal/gateway/sessions", this::sessions);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Makes (username, key) a ready route to the container; returns the answer to adjust further. */
    public ObjectNode putReady(String username, String publicKeyLine, String linuxUser, StandInContainer container) {
        ObjectNode route = admitted("ready", username, publicKeyLine);
        route.put("host", "127.0.0.1");
        route.put("port", container.port());
        route.put("user", linuxUser);
        route.putArray("host_keys").add(container.hostKeyLine());
        route.putNull("message");
        return route;
    }

    /** Makes (username, key) a login that waits for a computer coming up, with the words the user reads. */
    public void putStarting(String username, String publicKeyLine, String message) {
        admitted("starting", username, publicKeyLine).put("message", message);
    }

    /** Makes (username, key) a refused login, with the words the user reads. */
    public void putRefused(String username, String publicKeyLine, String message) {
        ObjectNode route = json.createObjectNode();
        route.put("decision", "refused");
        route.put("message", message);
        routes.put(key(username, publicKeyLine), route);
    }

    private ObjectNode admitted(String decision, String username, String publicKeyLine) {
        ObjectNode route = json.createObjectNode();
        route.put("decision", decision);
        route.put("device_id", "device-" + username + "-" + Math.abs(publicKeyLine.hashCode()));
        removedDevices.remove(route.path("device_id").asText());
        route.put("subdomain", username);
        routes.put(key(username, publicKeyLine), route);
        return route;
    }

    /**
     * Makes (username, key) a key awaiting its first login: the route answers "pairing"; the pair call with this code
     * turns it into a ready route to the container, any other code answers "pairing" with a wrong-code message.
     */
    public void putPairing(String username, String publicKeyLine, String code, String linuxUser, StandInContainer container) {
        ObjectNode route = json.createObjectNode();
        route.put("decision", "pairing");
        route.put("message", "Spoq: this device is not paired yet.");
        routes.put(key(username, publicKeyLine), route);
        pairingCodes.put(key(username, publicKeyLine), code);
        pairedRoutes.put(key(username, publicKeyLine), () -> putReady(username, publicKeyLine, linuxUser, container));
    }

    /** The codes the gateway sent to /pair, in order. */
    public List<String> codesTyped() {
        return codesTyped;
    }

    /** The device is removed: its route is gone, and its open sessions end at the gateway's next check. */
    public void remove(String username, String publicKeyLine) {
        ObjectNode route = routes.remove(key(username, publicKeyLine));
        if (route != null && route.hasNonNull("device_id")) {
            removedDevices.add(route.path("device_id").asText());
        }
    }

    /** Every route answer from now on comes this much later, as from an overloaded control plane. */
    public void delayRoutes(java.time.Duration delay) {
        routeDelayMillis = delay.toMillis();
    }

    /** While false, session checks get HTTP 503, as from a control plane that is down. */
    public void answerSessionChecks(boolean answer) {
        answersSessionChecks = answer;
    }

    public int sessionChecks() {
        return sessionChecks.get();
    }

    public List<String> connectedDevices() {
        return connectedDevices;
    }

    public int routeRequests() {
        return routeRequests.get();
    }

    /** Type and base64 body: the comment does not identify a key. */
    private static String key(String username, String publicKeyLine) {
        String[] parts = publicKeyLine.strip().split("\\s+");
        return username + "|" + parts[0] + " " + parts[1];
    }

    private void route(HttpExchange exchange) throws IOException {
        routeRequests.incrementAndGet();
        if (routeDelayMillis > 0) {
            try {
                Thread.sleep(routeDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!authorized(exchange)) {
            return;
        }
        JsonNode body = json.readTree(exchange.getRequestBody());
        ObjectNode route = routes.get(key(body.path("username").asText(), body.path("public_key").asText()));
        if (route == null) {
            send(exchange, 404, "application/problem+json",
                    "{\"type\":\"https://spoq.dev/problems/unknown-key\",\"title\":\"Not found\",\"status\":404}");
        } else {
            send(exchange, 200, "application/json", json.writeValueAsString(route));
        }
    }

    private void pair(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        JsonNode body = json.readTree(exchange.getRequestBody());
        String key = key(body.path("username").asText(), body.path("public_key").asText());
        codesTyped.add(body.path("code").asText());
        if (!routes.containsKey(key)) {
            send(exchange, 404, "application/problem+json", "{\"status\":404}");
            return;
        }
        if (body.path("code").asText().equals(pairingCodes.get(key))) {
            pairedRoutes.remove(key).get();
            pairingCodes.remove(key);
            send(exchange, 200, "application/json", json.writeValueAsString(routes.get(key)));
        } else {
            send(exchange, 200, "application/json", "{\"decision\":\"pairing\",\"message\":\"That is not the pairing code.\"}");
        }
    }

    private void connected(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        connectedDevices.add(json.readTree(exchange.getRequestBody()).path("device_id").asText());
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    /**
     * Removed devices have lost access, as the control plane answers, in its words; a refused login (a computer
     * that failed) ends no open session, as with the control plane's own rule.
     */
    private void sessions(HttpExchange exchange) throws IOException {
        sessionChecks.incrementAndGet();
        if (!authorized(exchange)) {
            return;
        }
        if (!answersSessionChecks) {
            send(exchange, 503, "application/problem+json", "{\"status\":503}");
            return;
        }
        ObjectNode answer = json.createObjectNode();
        var ended = answer.putArray("ended");
        for (JsonNode device : json.readTree(exchange.getRequestBody()).path("device_ids")) {
            if (removedDevices.contains(device.asText())) {
                ended.addObject().put("device_id", device.asText()).put("message", "This device was removed from your Spoq account.");
            }
        }
        send(exchange, 200, "application/json", json.writeValueAsString(answer));
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        send(exchange, 401, "application/problem+json", "{\"status\":401}");
        return false;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
