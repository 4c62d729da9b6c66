package dev.spoq.cloud.it.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.OpsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** GET /internal/audit as an operator reads it, with the internal token. */
final class AuditLogReader {

    private final ApiClient api;

    AuditLogReader(ApiClient api) {
        this.api = api;
    }

    ApiResponse get(String query) {
        return api.get("/internal/audit" + (query.isEmpty() ? "" : "?" + query), OpsClient.internalToken());
    }

    /** One page of events; asserts 200. */
    JsonNode page(String query) {
        return get(query).expect(200);
    }

    /** The newest events about this account (up to 500), newest first. */
    List<JsonNode> ofUser(String userId) {
        return events(page("user_id=" + userId + "&limit=500"));
    }

    static List<JsonNode> events(JsonNode page) {
        List<JsonNode> events = new ArrayList<>();
        page.path("events").forEach(events::add);
        return events;
    }

    static List<String> actions(List<JsonNode> events) {
        return events.stream().map(e -> e.path("action").asText()).toList();
    }

    static String describe(List<JsonNode> events) {
        return events.stream().map(e -> e.path("action").asText() + " by " + e.path("actor").path("kind").asText() + ":"
                + e.path("actor").path("id").asText() + " " + e.path("outcome").asText() + " (" + e.path("detail").asText() + ")")
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
