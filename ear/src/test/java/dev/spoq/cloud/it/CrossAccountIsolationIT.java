package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.SshIdStandIn;
import dev.spoq.cloud.it.support.SshKey;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.TestKeys;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.spoq.cloud.it.support.KeyLists.fingerprints;
import static dev.spoq.cloud.it.support.KeyLists.rejectedLines;
import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second account can neither read, change nor delete anything of the first, on every call.
 * After every test the owner's status (subdomain, profiles, devices, keys) must be exactly as before.
 */
@ExtendWith(ComputerCleanup.class)
class CrossAccountIsolationIT {

    private final ApiClient api = new ApiClient();
    private TestAccount owner;
    private SshKey ownerKey;
    private String ownerDeviceId;
    private JsonNode ownerStatusBefore;
    private TestAccount intruder;

    @BeforeEach
    void ownerWithADeviceAndAnIntruderWithAProfile() {
        owner = TestAccount.withProfile(api);
        ownerKey = TestKeys.ed25519();
        ownerDeviceId = owner.addDevice(owner.profileId(), ownerKey).path("device_id").asText();
        ownerStatusBefore = owner.status().expect(200);
        intruder = TestAccount.withProfile(api);
    }

    @AfterEach
    void ownerIsUntouched() {
        if (ownerStatusBefore == null) {
            return; // the set-up itself failed and was reported
        }
        assertEquals(withoutContainerStatus(ownerStatusBefore), withoutContainerStatus(owner.status().expect(200)),
                "the intruder changed the owner's state");
    }

    /** The container status (and its reason) may move on by itself (provisioning); everything else must stay as it was. */
    private static JsonNode withoutContainerStatus(JsonNode status) {
        ObjectNode copy = status.deepCopy();
        copy.remove("container_status");
        copy.remove("container_status_reason");
        return copy;
    }

    @Test
    void intruderCannotAddADeviceToTheOwnersProfile() {
        assertProblem(intruder.addKeys(owner.profileId(), TestKeys.ed25519().line()), 404).hasField("profile_id");

        String code = SshIdStandIn.serve(new SshIdStandIn.Answer.Keys(TestKeys.ed25519().line() + "\n"));
        assertProblem(intruder.addSshId(owner.profileId(), code), 404).hasField("profile_id");
    }

    @Test
    void intruderCannotDeleteTheOwnersDevice() {
        assertProblem(intruder.deleteDevice(ownerDeviceId), 404);
    }

    @Test
    void intruderSeesNoneOfTheOwnersDevicesProfilesOrSubdomain() {
        intruder.addDevice(intruder.profileId(), TestKeys.ed25519());

        String devices = intruder.devices().expect(200).toString();
        JsonNode status = intruder.status().expect(200);

        for (String secret : List.of(ownerDeviceId, ownerKey.fingerprint(), owner.profileId(), owner.subdomain())) {
            assertFalse(devices.contains(secret), "the intruder's device list shows " + secret + ": " + devices);
            assertFalse(status.toString().contains(secret), "the intruder's status shows " + secret + ": " + status);
        }
        assertEquals(intruder.subdomain(), status.path("subdomain").asText());
        assertEquals(1, status.path("profiles").size());
        assertEquals(1, status.path("devices").size());
    }

    @Test
    void intruderCannotTakeTheOwnersSubdomainNorQueueACommandForIt() throws InterruptedException {
        TestAccount unclaimed = TestAccount.register(api);
        OpsClient ops = new OpsClient(api);
        ops.awaitReceived(intruder.userId(), "ensure", Duration.ofSeconds(15));
        int intruderEnsures = ensures(ops, intruder);

        assertProblem(unclaimed.claim(owner.subdomain()), 409).hasField("subdomain").hasType("subdomain-taken");
        assertProblem(intruder.claim(owner.subdomain()), 409);

        ops.awaitReceived(owner.userId(), "ensure", Duration.ofSeconds(15));
        Thread.sleep(2_000);
        assertEquals(List.of(), ops.history(unclaimed.userId()), "the refused claim must send nothing");
        assertProblem(ops.computerOf(unclaimed.userId()), 404);
        assertEquals(intruderEnsures, ensures(ops, intruder), "the intruder's refused claim must send nothing: " + ops.history(intruder.userId()));
        assertEquals(intruder.subdomain(), ops.computerOf(intruder.userId()).expect(200).path("subdomain").asText());
        assertEquals(owner.userId(), ops.computerOf(owner.userId()).expect(200).path("user_id").asText());
        assertTrue(unclaimed.status().expect(200).path("subdomain").isNull(), "the refused claim must leave nothing");
    }

    private static int ensures(OpsClient ops, TestAccount account) {
        return (int) ops.actions(account.userId()).stream().filter("ensure"::equals).count();
    }

    /**
     * Issue 9: a public key is public, so a copy of the owner's (unconfirmed) key in another account is allowed (it
     * blocks nobody) and routes nowhere: the gateway hears only "awaiting pairing", never the intruder's computer.
     * Once the owner's login has confirmed it, it is refused everywhere else (409 key-in-use): PairingIT.
     */
    @Test
    void intrudersCopyOfTheOwnersKeyAwaitsPairingAndRoutesNowhere() {
        JsonNode pasted = intruder.addKeys(intruder.profileId(), ownerKey.line()).expect(201);
        String code = SshIdStandIn.serve(new SshIdStandIn.Answer.Keys(ownerKey.line() + "\n"));
        assertProblem(intruder.addSshId(intruder.profileId(), code), 409).hasField("sshid_code").hasType("key-in-use");

        assertFalse(pasted.path("paired").asBoolean(), pasted.toString());
        assertTrue(pasted.path("pairing_code").asText().matches("[A-Z]{4}-[A-Z]{4}"), pasted.toString());
        JsonNode route = new OpsClient(api).route(intruder.username(), ownerKey.line()).expect(200);
        assertEquals("pairing", route.path("decision").asText(), route.toString());
        assertFalse(route.has("subdomain") || route.has("device_id") || route.has("host"), "names no account: " + route);
    }

    @Test
    void theOwnersUnconfirmedKeyIsAddedBesideTheIntrudersOwnKeyAndBothAwaitPairing() {
        SshKey own = TestKeys.ed25519();

        JsonNode body = intruder.addKeys(intruder.profileId(), own.line() + "\n" + ownerKey.line()).expect(201);

        assertEquals(Set.of(own.fingerprint(), ownerKey.fingerprint()), fingerprints(body.path("keys_added")));
        assertEquals(Map.of(), rejectedLines(body.path("keys_rejected")), body.toString());
        body.path("keys_added").forEach(key -> assertFalse(key.path("confirmed").asBoolean(), body.toString()));
    }

    @Test
    void intruderCannotRegisterOrLogInWithTheOwnersEmail() {
        assertProblem(api.post("/api/auth/register", null, Json.object("email", owner.email(), "password", intruder.password())), 409)
                .hasField("email").hasType("email-taken");
        assertProblem(api.post("/api/auth/login", null, Json.object("email", owner.email(), "password", intruder.password())), 401)
                .hasType("invalid-credentials");

        owner.login(owner.password()).expect(200);
    }

    @Test
    void intrudersLogoutLeavesTheOwnersTokenWorking() {
        intruder.logout().expect(200);

        owner.status().expect(200);
        assertProblem(intruder.status(), 401);
    }

    @Test
    void intruderMayUseTheSameUsernameWithoutTouchingTheOwnersProfile() {
        TestAccount other = TestAccount.register(api).claimSubdomain();

        String profileId = other.createProfile(owner.username());

        assertFalse(profileId.equals(owner.profileId()));
        assertEquals(1, other.status().expect(200).path("profiles").size());
    }

    @Test
    void intrudersUserTokenIsForbiddenOnTheOpsEndpoints() {
        assertProblem(api.get("/internal/provisioning/commands", intruder.token()), 403);
        assertProblem(api.get("/internal/provisioning/history?user_id=" + owner.userId(), intruder.token()), 403);
        assertProblem(api.get("/internal/containers/by-user/" + owner.userId(), intruder.token()), 403);
    }

    @Test
    void intruderWithoutAnyTokenGetsNothing() {
        assertProblem(api.get("/api/devices", null), 401).hasBearerChallenge();
        assertProblem(api.delete("/api/devices/" + ownerDeviceId, null), 401).hasBearerChallenge();
        assertProblem(api.post("/api/devices/add", null, Json.object("profile_id", owner.profileId(),
                "ssh_public_key", TestKeys.ed25519().line())), 401).hasBearerChallenge();
        assertProblem(api.post("/api/setup/profile", null, Json.object("username", Unique.username())), 401).hasBearerChallenge();
    }
}
