package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.SshKey;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static dev.spoq.cloud.it.support.KeyLists.fingerprints;
import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static dev.spoq.cloud.it.support.ValueChecks.instantOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Devices after they are added: connection info, GET /api/devices, DELETE, the per-profile limit. */
@ExtendWith(ComputerCleanup.class)
class DeviceLifecycleIT {

    private final ApiClient api = new ApiClient();

    @Test
    void addAnswersConnectionInfoForTheProfileUser() {
        TestAccount account = TestAccount.withProfile(api);

        JsonNode info = account.addDevice(account.profileId(), TestKeys.ed25519()).path("connection_info");

        assertEquals(account.host(), info.path("host").asText());
        assertTrue(info.path("host").asText().startsWith(account.subdomain() + "."), info.toString());
        assertEquals(22, info.path("port").asInt());
        assertEquals(account.username(), info.path("user").asText());
        assertEquals("ssh " + account.username() + "@" + account.host(), info.path("command").asText());
    }

    @Test
    void listShowsTheDeviceWithAllItsFields() {
        TestAccount account = TestAccount.withProfile(api);
        SshKey key = TestKeys.ecdsa(384);
        JsonNode added = account.addKeys(account.profileId(), key.line(), "desk").expect(201);

        JsonNode devices = account.devices().expect(200).path("devices");

        assertEquals(1, devices.size(), devices.toString());
        JsonNode device = devices.get(0);
        assertEquals(added.path("device_id").asText(), device.path("device_id").asText());
        assertEquals(account.profileId(), device.path("profile_id").asText());
        assertEquals(account.username(), device.path("username").asText());
        assertEquals("desk", device.path("name").asText());
        assertEquals("ecdsa-sha2-nistp384", device.path("key_type").asText());
        assertEquals(key.fingerprint(), device.path("fingerprint").asText());
        assertEquals(java.util.Set.of(key.fingerprint()), fingerprints(device.path("keys")));
        assertEquals(key.comment(), device.path("keys").get(0).path("comment").asText());
        instantOf(device.get("created_at"), "created_at");
        assertTrue(device.has("last_connected_at") && device.get("last_connected_at").isNull(),
                "last_connected_at must be null: " + device);
    }

    @Test
    void listIsEmptyForANewAccount() {
        TestAccount account = TestAccount.register(api);

        assertEquals(0, account.devices().expect(200).path("devices").size());
    }

    @Test
    void deleteAnswers200AndTheDeviceIsGone() {
        TestAccount account = TestAccount.withProfile(api);
        String kept = account.addDevice(account.profileId(), TestKeys.ed25519()).path("device_id").asText();
        String deleted = account.addDevice(account.profileId(), TestKeys.ed25519()).path("device_id").asText();

        assertTrue(account.deleteDevice(deleted).expect(200).path("success").asBoolean());

        JsonNode devices = account.devices().expect(200).path("devices");
        assertEquals(1, devices.size(), devices.toString());
        assertEquals(kept, devices.get(0).path("device_id").asText());
        assertProblem(account.deleteDevice(deleted), 404);
    }

    @Test
    void deleteOfAnUnknownOrMalformedIdIs404() {
        TestAccount account = TestAccount.withProfile(api);

        assertProblem(account.deleteDevice(UUID.randomUUID().toString()), 404);
        assertProblem(account.deleteDevice("not-a-uuid"), 404);
    }

    @Test
    void aThirdDeviceOnOneProfileIs409DeviceLimitUntilOneIsDeleted() {
        TestAccount account = TestAccount.withProfile(api);
        String first = account.addDevice(account.profileId(), TestKeys.ed25519()).path("device_id").asText();
        account.addDevice(account.profileId(), TestKeys.ed25519());

        assertProblem(account.addKeys(account.profileId(), TestKeys.ed25519().line()), 409).hasType("device-limit");

        account.deleteDevice(first).expect(200);
        account.addDevice(account.profileId(), TestKeys.ed25519());
        assertEquals(2, account.devices().expect(200).path("devices").size());
    }

    @Test
    void twoProfilesHoldTwoDevicesEachAndTheListNamesTheirUsers() {
        TestAccount account = TestAccount.withProfile(api);
        String second = account.createProfile("second_user");
        for (String profile : new String[]{account.profileId(), second}) {
            account.addDevice(profile, TestKeys.ed25519());
            account.addDevice(profile, TestKeys.ed25519());
        }

        JsonNode devices = account.devices().expect(200).path("devices");

        assertEquals(4, devices.size(), devices.toString());
        devices.forEach(device -> assertEquals(
                device.path("profile_id").asText().equals(second) ? "second_user" : account.username(),
                device.path("username").asText()));
        assertProblem(account.addKeys(second, TestKeys.ed25519().line()), 409).hasType("device-limit");
    }
}
