package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Computers;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.SshKey;
import dev.spoq.cloud.it.support.TestKeys;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static dev.spoq.cloud.it.support.ValueChecks.assertUuid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole journey of a new user: register → claim → profile → device → status, checked at every step. */
@ExtendWith(ComputerCleanup.class)
class OnboardingSequenceIT {

    private final ApiClient api = new ApiClient();

    @Test
    void registerClaimProfileDeviceStatus() {
        String email = Unique.email();
        String subdomain = Unique.subdomain();
        String username = Unique.username();
        SshKey key = TestKeys.ed25519();

        // register
        JsonNode registered = api.post("/api/auth/register", null, Json.object("email", email, "password", Unique.password())).expect(201);
        String token = registered.path("token").asText();
        String userId = registered.path("user_id").asText();

        JsonNode before = api.get("/api/status", token).expect(200);
        assertTrue(before.path("subdomain").isNull(), "no subdomain yet: " + before);
        assertEquals("none", before.path("container_status").asText());
        assertEquals(0, before.path("profiles").size());
        assertEquals(0, before.path("devices").size());

        // claim
        assertTrue(api.get("/api/subdomain/check/" + subdomain, null).expect(200).path("available").asBoolean());
        JsonNode claimed = api.post("/api/setup/subdomain", token, Json.object("subdomain", subdomain)).expect(201);
        Computers.track(userId, subdomain);
        assertEquals("pending", claimed.path("status").asText());
        String host = claimed.path("host").asText();
        assertTrue(host.startsWith(subdomain + "."), host);
        JsonNode check = api.get("/api/subdomain/check/" + subdomain, null).expect(200);
        assertFalse(check.path("available").asBoolean());
        assertEquals("taken", check.path("reason").asText());
        List<JsonNode> received = new OpsClient(api).awaitReceived(userId, "ensure", Duration.ofSeconds(15));
        assertEquals(1, received.size(), "one provisioning command per claim, received by the consumer: " + received);
        assertEquals("ensure", received.get(0).path("action").asText());

        // profile
        JsonNode profile = api.post("/api/setup/profile", token, Json.object("username", username)).expect(201);
        String profileId = profile.path("profile_id").asText();
        assertUuid(profile.get("profile_id"), "profile_id");

        // device
        JsonNode device = api.post("/api/devices/add", token,
                Json.object("profile_id", profileId, "ssh_public_key", key.line(), "name", "phone")).expect(201);
        String deviceId = device.path("device_id").asText();
        assertEquals(key.fingerprint(), device.path("keys_added").get(0).path("fingerprint").asText());
        assertEquals("ssh " + username + "@" + host, device.path("connection_info").path("command").asText());

        // status
        JsonNode status = api.get("/api/status", token).expect(200);
        assertEquals(subdomain, status.path("subdomain").asText());
        assertTrue(List.of("pending", "provisioning", "running").contains(status.path("container_status").asText()),
                "the computer is on its way (provisioning runs at once): " + status);
        assertEquals(host, status.path("host").asText());
        assertEquals(1, status.path("profiles").size());
        assertEquals(profileId, status.path("profiles").get(0).path("profile_id").asText());
        assertEquals(username, status.path("profiles").get(0).path("username").asText());
        assertEquals(1, status.path("devices").size());
        JsonNode listed = status.path("devices").get(0);
        assertEquals(deviceId, listed.path("device_id").asText());
        assertEquals(username, listed.path("username").asText());
        assertEquals("phone", listed.path("name").asText());
        assertEquals(key.fingerprint(), listed.path("fingerprint").asText());
        assertEquals(api.get("/api/devices", token).expect(200).path("devices"), status.path("devices"),
                "status.devices must be the same as GET /api/devices");
    }
}
