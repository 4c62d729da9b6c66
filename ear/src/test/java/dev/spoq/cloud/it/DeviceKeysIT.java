package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.KeyKind;
import dev.spoq.cloud.it.support.SshKey;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.TestKeys;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.spoq.cloud.it.support.KeyLists.fingerprints;
import static dev.spoq.cloud.it.support.KeyLists.rejectedLines;
import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static dev.spoq.cloud.it.support.ValueChecks.assertUuid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/devices/add with pasted ssh_public_key text: every accepted type, rejected lines, duplicates. */
@ExtendWith(ComputerCleanup.class)
class DeviceKeysIT {

    private final ApiClient api = new ApiClient();

    @ParameterizedTest(name = "{0} is accepted with the ssh-keygen fingerprint")
    @EnumSource(KeyKind.class)
    void eachAcceptedKeyTypeMakesADevice(KeyKind kind) {
        TestAccount account = TestAccount.withProfile(api);
        SshKey key = kind.generate();

        JsonNode body = account.addDevice(account.profileId(), key);

        assertUuid(body.get("device_id"), "device_id");
        assertEquals(account.profileId(), body.path("profile_id").asText());
        assertEquals(1, body.path("keys_added").size(), body.toString());
        JsonNode added = body.path("keys_added").get(0);
        assertEquals(kind.wireType(), added.path("key_type").asText());
        assertEquals(key.fingerprint(), added.path("fingerprint").asText());
        assertEquals(key.comment(), added.path("comment").asText());
        assertEquals(0, body.path("keys_rejected").size(), body.toString());
    }

    @Test
    void multiLinePasteKeepsTheGoodLinesAndNamesEachRejectedLine() {
        TestAccount account = TestAccount.withProfile(api);
        SshKey ed25519 = TestKeys.ed25519();
        SshKey ecdsa = TestKeys.ecdsa(256);
        String paste = String.join("\n",
                ed25519.line(),                       // 1 accepted
                "this is not a key",                  // 2 garbage
                TestKeys.rsa(1024).line(),            // 3 RSA < 2048
                ecdsa.line(),                         // 4 accepted
                TestKeys.dssLine(),                   // 5 ssh-dss
                TestKeys.certificateLine(),           // 6 certificate
                TestKeys.blobNotMatchingType()) + "\n"; // 7 blob of another type

        JsonNode body = account.addKeys(account.profileId(), paste).expect(201);

        assertEquals(Set.of(ed25519.fingerprint(), ecdsa.fingerprint()), fingerprints(body.path("keys_added")));
        Map<Integer, String> rejected = rejectedLines(body.path("keys_rejected"));
        assertEquals(Set.of(2, 3, 5, 6, 7), rejected.keySet(), body.toString());
        rejected.values().forEach(reason -> assertFalse(reason.isBlank(), "every rejected line needs a reason: " + body));
    }

    static Stream<Named<Supplier<String>>> unusableKeyTexts() {
        return Stream.of(
                Named.of("OpenSSH private key", TestKeys::openSshPrivateKey),
                Named.of("PKCS#8 private key", TestKeys::pkcs8PrivateKey),
                Named.of("RSA 1024", () -> TestKeys.rsa(1024).line()),
                Named.of("ssh-dss", TestKeys::dssLine),
                Named.of("certificate", TestKeys::certificateLine),
                Named.of("ssh-rsa type with an ed25519 blob", TestKeys::blobNotMatchingType),
                Named.of("nistp256 type with a nistp384 blob", TestKeys::curveNotMatchingType),
                Named.of("truncated blob", TestKeys::truncatedBlob),
                Named.of("garbage", () -> "hello world"));
    }

    @ParameterizedTest(name = "only unusable lines: {0} → 400 no-usable-key with the rejected lines")
    @MethodSource("unusableKeyTexts")
    void noUsableKeyIs400WithTheRejectedLines(Supplier<String> keyText) {
        TestAccount account = TestAccount.withProfile(api);

        ApiResponse response = account.addKeys(account.profileId(), keyText.get());

        JsonNode problem = assertProblem(response, 400).hasField("ssh_public_key").hasType("no-usable-key").body();
        Map<Integer, String> rejected = rejectedLines(problem.path("rejected"));
        assertTrue(rejected.containsKey(1), "line 1 must be named in 'rejected': " + problem);
        rejected.values().forEach(reason -> assertFalse(reason.isBlank(), "every rejected line needs a reason: " + problem));
        assertEquals(0, account.devices().expect(200).path("devices").size(), "no device may be left behind");
    }

    @Test
    void severalKeysInOneDeviceAreAllAdded() {
        TestAccount account = TestAccount.withProfile(api);
        SshKey a = TestKeys.ed25519();
        SshKey b = TestKeys.rsa(2048);
        SshKey c = TestKeys.skEcdsa();

        JsonNode body = account.addDevice(account.profileId(), a, b, c);

        assertEquals(Set.of(a.fingerprint(), b.fingerprint(), c.fingerprint()), fingerprints(body.path("keys_added")));
        JsonNode listed = account.devices().expect(200).path("devices").get(0);
        assertEquals(Set.of(a.fingerprint(), b.fingerprint(), c.fingerprint()), fingerprints(listed.path("keys")));
    }

    @Test
    void theGivenDeviceNameIsKept() {
        TestAccount account = TestAccount.withProfile(api);
        String name = "Work laptop ✓ " + "x".repeat(50);
        assertEquals(64, name.length());

        JsonNode body = account.addKeys(account.profileId(), TestKeys.ed25519().line(), name).expect(201);

        assertEquals(name, body.path("name").asText());
        assertEquals(name, account.devices().expect(200).path("devices").get(0).path("name").asText());
    }

    @Test
    void aKeyAlreadyOnThisProfileAloneIs409KeyInUse() {
        TestAccount account = TestAccount.withProfile(api);
        SshKey key = TestKeys.ed25519();
        account.addDevice(account.profileId(), key);

        assertProblem(account.addKeys(account.profileId(), key.line()), 409).hasField("ssh_public_key").hasType("key-in-use");
    }

    @Test
    void aKeyAlreadyOnThisProfileIsRejectedAsAlreadyAddedBesideANewOne() {
        TestAccount account = TestAccount.withProfile(api);
        SshKey old = TestKeys.ed25519();
        SshKey fresh = TestKeys.ed25519();
        account.addDevice(account.profileId(), old);

        JsonNode body = account.addKeys(account.profileId(), fresh.line() + "\n" + old.line()).expect(201);

        assertEquals(Set.of(fresh.fingerprint()), fingerprints(body.path("keys_added")));
        Map<Integer, String> rejected = rejectedLines(body.path("keys_rejected"));
        assertEquals(Set.of(2), rejected.keySet(), body.toString());
        assertTrue(rejected.get(2).toLowerCase().contains("already added"), body.toString());
    }
}
