package dev.spoq.cloud.provisioning;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.util.UUID;

/**
 * The message body: an action and whose computer. The subdomain rides along for operators reading
 * the queue; the consumer ignores it and reads fresh state.
 */
public record ProvisioningCommand(ProvisioningAction action, UUID userId, String subdomain) {

    public String toJson() {
        var json = Json.createObjectBuilder()
                .add("action", action.wireName())
                .add("user_id", userId.toString());
        if (subdomain != null) {
            json.add("subdomain", subdomain);
        }
        return json.build().toString();
    }

    /** @throws IllegalArgumentException for a body that is not a command (a poison message) */
    public static ProvisioningCommand parse(String body) {
        try {
            JsonObject json = Json.createReader(new StringReader(body)).readObject();
            return new ProvisioningCommand(ProvisioningAction.fromWire(json.getString("action")),
                    UUID.fromString(json.getString("user_id")), json.getString("subdomain", null));
        } catch (JsonException | NullPointerException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a provisioning command: " + abbreviate(body), e);
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "null" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
