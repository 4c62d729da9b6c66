package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads the ops endpoints with the internal token ({@code spoq.it.internal-token}). */
public final class OpsClient {

    private final ApiClient api;

    public OpsClient(ApiClient api) {
        this.api = api;
    }

    public static String internalToken() {
        return System.getProperty("spoq.it.internal-token", "it-only-internal-token-not-for-production");
    }

    /** GET /internal/provisioning/commands with the internal token; asserts 200. */
    public List<JsonNode> provisioningCommands() {
        JsonNode body = api.get("/internal/provisioning/commands", internalToken()).expect(200);
        List<JsonNode> commands = new ArrayList<>();
        body.path("commands").forEach(commands::add);
        return commands;
    }

    /** The queued commands for one subdomain. */
    public List<JsonNode> provisioningCommandsFor(String subdomain) {
        return provisioningCommands().stream()
                .filter(command -> subdomain.equals(command.path("subdomain").asText()))
                .toList();
    }
}
