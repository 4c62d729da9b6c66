package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The internal endpoints, called with the internal token ({@code spoq.it.internal-token}): the provisioning
 * history and the container management API.
 */
public final class OpsClient {

    private final ApiClient api;

    public OpsClient(ApiClient api) {
        this.api = api;
    }

    public static String internalToken() {
        return System.getProperty("spoq.it.internal-token", "it-only-internal-token-not-for-production");
    }

    /**
     * GET /internal/provisioning/history?user_id=… with the internal token; asserts 200. Every command the
     * consumer received for this user, oldest first: {action, status_at_receipt, received_at}.
     */
    public List<JsonNode> history(String userId) {
        JsonNode body = api.get("/internal/provisioning/history?user_id=" + ApiClient.segment(userId), internalToken()).expect(200);
        List<JsonNode> commands = new ArrayList<>();
        body.path("commands").forEach(commands::add);
        return commands;
    }

    /** The actions of {@link #history}, e.g. ["ensure", "sync-logins"]. */
    public List<String> actions(String userId) {
        return history(userId).stream().map(command -> command.path("action").asText()).toList();
    }

    /** Waits until the consumer has received at least one command with this action for the user; returns the history. */
    public List<JsonNode> awaitReceived(String userId, String action, Duration timeout) {
        return await("a received '" + action + "' in the history of " + userId).atMost(timeout).ignoreExceptions()
                .until(() -> history(userId),
                        commands -> commands.stream().anyMatch(command -> action.equals(command.path("action").asText())));
    }

    /** GET /internal/containers/by-user/{userId}: the user's computer (404 when it has none). */
    public ApiResponse computerOf(String userId) {
        return api.get("/internal/containers/by-user/" + ApiClient.segment(userId), internalToken());
    }

    public ApiResponse status(String containerId) {
        return api.get("/internal/containers/" + ApiClient.segment(containerId) + "/status", internalToken());
    }

    public ApiResponse create(String userId, String subdomain) {
        return api.post("/internal/containers/create", internalToken(), Json.object("user_id", userId, "subdomain", subdomain));
    }

    public ApiResponse addUser(String containerId, String username, List<String> sshKeys) {
        return api.post("/internal/containers/" + ApiClient.segment(containerId) + "/add-user", internalToken(),
                Json.object("username", username, "ssh_keys", sshKeys));
    }

    public ApiResponse addKey(String containerId, String username, String sshKey) {
        return api.post("/internal/containers/" + ApiClient.segment(containerId) + "/add-key", internalToken(),
                Json.object("username", username, "ssh_key", sshKey));
    }

    public ApiResponse suspend(String containerId) {
        return api.post("/internal/containers/" + ApiClient.segment(containerId) + "/suspend", internalToken(), Json.object());
    }

    public ApiResponse resume(String containerId) {
        return api.post("/internal/containers/" + ApiClient.segment(containerId) + "/resume", internalToken(), Json.object());
    }

    public ApiResponse delete(String containerId) {
        return api.delete("/internal/containers/" + ApiClient.segment(containerId), internalToken());
    }

    /** POST /internal/gateway/route: the gateway's question for (login name, key line). */
    public ApiResponse route(String username, String publicKey) {
        return api.post("/internal/gateway/route", internalToken(), Json.object("username", username, "public_key", publicKey));
    }

    public ApiResponse orphans() {
        return api.get("/internal/containers/orphans", internalToken());
    }
}
