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

/**
 * A control plane that answers the gateway's internal API exactly as the contract says: a decision
 * (ready, starting, refused) by (username, public key), 404 problem+json for unknown pairs, 204 for
 * "connected", bearer token checked.
 */
public final class StandInControlPlane implements AutoCloseable {
    public static final String TOKEN = "test-internal-token-0123456789";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, ObjectNode> routes = new ConcurrentHashMap<>();
    private final List<String> connectedDevices = new CopyOnWriteArrayList<>();
    private final AtomicInteger routeRequests = new AtomicInteger();

    public StandInControlPlane() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/internal/gateway/route", this::route);
        server.createContext("/internal/gateway/connected", this::connected);
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
        route.put("subdomain", username);
        routes.put(key(username, publicKeyLine), route);
        return route;
    }

    public void remove(String username, String publicKeyLine) {
        routes.remove(key(username, publicKeyLine));
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

    private void connected(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        connectedDevices.add(json.readTree(exchange.getRequestBody()).path("device_id").asText());
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
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
    }
}
