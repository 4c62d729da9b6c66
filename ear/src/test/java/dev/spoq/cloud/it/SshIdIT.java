package dev.spoq.cloud.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.SshIdStandIn;
import dev.spoq.cloud.it.support.SshIdStandIn.Answer;
import dev.spoq.cloud.it.support.SshKey;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static dev.spoq.cloud.it.support.KeyLists.fingerprints;
import static dev.spoq.cloud.it.support.KeyLists.rejectedLines;
import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /api/devices/add with sshid_code: the server fetches {spoq.sshid.base-url}/{code}, here answered by the
 * local {@link SshIdStandIn} (5 s timeout, ≤ 64 KiB, no redirects).
 */
@ExtendWith(ComputerCleanup.class)
class SshIdIT {

    private static final int SIXTY_FOUR_KIB = 64 * 1024;

    private final ApiClient api = new ApiClient();

    @BeforeAll
    static void startStandIn() {
        SshIdStandIn.ensureStarted();
    }

    @Test
    void termiusStyleKeySetAddsEveryKeyAndRejectsTheCertificateLines() {
        TestAccount account = TestAccount.withProfile(api);
        SshKey skEcdsa = TestKeys.skEcdsa();
        SshKey ecdsa = TestKeys.ecdsa(256);
        SshKey ed25519 = TestKeys.ed25519();
        SshKey rsa = TestKeys.rsa(2048);
        SshKey skEd25519 = TestKeys.skEd25519();
        String keySet = String.join("\n",
                skEcdsa.line(),               // 1
                TestKeys.certificateLine(),   // 2 certificate: rejected
                ecdsa.line(),                 // 3
                ed25519.line(),               // 4
                rsa.line(),                   // 5
                skEd25519.line(),             // 6
                TestKeys.certificateLine()    // 7 certificate: rejected
        ) + "\n";
        String code = SshIdStandIn.serve(new Answer.Keys(keySet));

        JsonNode body = account.addSshId(account.profileId(), code).expect(201);

        assertEquals(Set.of(skEcdsa.fingerprint(), ecdsa.fingerprint(), ed25519.fingerprint(), rsa.fingerprint(),
                skEd25519.fingerprint()), fingerprints(body.path("keys_added")));
        Map<Integer, String> rejected = rejectedLines(body.path("keys_rejected"));
        assertEquals(Set.of(2, 7), rejected.keySet(), body.toString());
        assertEquals(1, SshIdStandIn.requestsFor(code), "ssh.id must be asked exactly once");
        assertEquals("ssh " + account.username() + "@" + account.host(), body.path("connection_info").path("command").asText());
    }

    @Test
    void keySetOfSupportedTypesOnlyIsAddedWhole() {
        TestAccount account = TestAccount.withProfile(api);
        SshKey ed25519 = TestKeys.ed25519();
        SshKey skEcdsa = TestKeys.skEcdsa();
        String code = SshIdStandIn.serve(new Answer.Keys(ed25519.line() + "\n" + skEcdsa.line() + "\n"));

        JsonNode body = account.addSshId(account.profileId(), code).expect(201);

        assertEquals(Set.of(ed25519.fingerprint(), skEcdsa.fingerprint()), fingerprints(body.path("keys_added")));
        assertEquals(0, body.path("keys_rejected").size(), body.toString());
        JsonNode listed = account.devices().expect(200).path("devices").get(0);
        assertEquals(Set.of(ed25519.fingerprint(), skEcdsa.fingerprint()), fingerprints(listed.path("keys")));
    }

    @Test
    void anAnswerTakingTwoSecondsIsStillAccepted() {
        TestAccount account = TestAccount.withProfile(api);
        SshKey key = TestKeys.ed25519();
        String code = SshIdStandIn.serve(new Answer.Slow(Duration.ofSeconds(2), key.line() + "\n"));

        JsonNode body = account.addSshId(account.profileId(), code).expect(201);

        assertEquals(Set.of(key.fingerprint()), fingerprints(body.path("keys_added")));
    }

    @Test
    void unknownCodeIs404SshIdCodeUnknown() {
        TestAccount account = TestAccount.withProfile(api);
        String code = SshIdStandIn.serve(new Answer.Status(404));

        ApiResponse response = account.addSshId(account.profileId(), code);

        assertProblem(response, 404).hasField("sshid_code").hasType("sshid-code-unknown").hasDetail();
        assertNoDevice(account);
    }

    @Test
    void sshIdServerErrorIs502SshIdUnavailable() {
        TestAccount account = TestAccount.withProfile(api);

        for (int status : new int[]{500, 503}) {
            String code = SshIdStandIn.serve(new Answer.Status(status));
            assertProblem(account.addSshId(account.profileId(), code), 502)
                    .hasField("sshid_code").hasType("sshid-unavailable").hasDetail();
        }
        assertNoDevice(account);
    }

    @Test
    void sshIdDroppingTheConnectionIs502() {
        TestAccount account = TestAccount.withProfile(api);
        String code = SshIdStandIn.serve(new Answer.Drop());

        assertProblem(account.addSshId(account.profileId(), code), 502).hasField("sshid_code").hasType("sshid-unavailable");
        assertNoDevice(account);
    }

    @Test
    void anAnswerSlowerThanFiveSecondsIs502WithinEightSeconds() {
        TestAccount account = TestAccount.withProfile(api);
        String code = SshIdStandIn.serve(new Answer.Slow(Duration.ofSeconds(15), TestKeys.ed25519().line() + "\n"));

        long started = System.nanoTime();
        ApiResponse response = account.addSshId(account.profileId(), code);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(response, 502).hasField("sshid_code").hasType("sshid-unavailable").hasDetail();
        assertTrue(took.compareTo(Duration.ofMillis(8500)) <= 0, "the server must give up after ~5 s, took " + took);
        assertTrue(took.compareTo(Duration.ofMillis(4500)) >= 0, "the server must wait ~5 s, gave up after " + took);
        assertNoDevice(account);
    }

    @Test
    void anAnswerLargerThan64KibIs502WithContentLength() {
        TestAccount account = TestAccount.withProfile(api);
        String code = SshIdStandIn.serve(new Answer.Huge(SIXTY_FOUR_KIB + 4096, TestKeys.ed25519().line(), false));

        assertProblem(account.addSshId(account.profileId(), code), 502).hasField("sshid_code").hasType("sshid-unavailable");
        assertNoDevice(account);
    }

    @Test
    void anAnswerLargerThan64KibIs502WhenStreamedChunked() {
        TestAccount account = TestAccount.withProfile(api);
        String code = SshIdStandIn.serve(new Answer.Huge(4 * SIXTY_FOUR_KIB, TestKeys.ed25519().line(), true));

        assertProblem(account.addSshId(account.profileId(), code), 502).hasField("sshid_code").hasType("sshid-unavailable");
        assertNoDevice(account);
    }

    @Test
    void aRedirectIsNotFollowed() {
        TestAccount account = TestAccount.withProfile(api);
        String target = SshIdStandIn.serve(new Answer.Keys(TestKeys.ed25519().line() + "\n"));
        String code = SshIdStandIn.serve(new Answer.Redirect("/" + target));

        ApiResponse response = account.addSshId(account.profileId(), code);

        assertNotEquals(201, response.status(), "a redirect must not be followed: " + response);
        assertTrue(response.status() == 502 || response.status() / 100 == 4, "expected a 4xx or 502 problem, got " + response);
        assertProblem(response, response.status()).hasField("sshid_code");
        assertEquals(0, SshIdStandIn.requestsFor(target), "the redirect target must never be fetched");
        assertNoDevice(account);
    }

    @Test
    void anAnswerWithoutAnyUsableKeyIs400NoUsableKey() {
        TestAccount account = TestAccount.withProfile(api);
        String code = SshIdStandIn.serve(new Answer.Keys(TestKeys.rsa(1024).line() + "\n" + TestKeys.certificateLine() + "\n"));

        JsonNode problem = assertProblem(account.addSshId(account.profileId(), code), 400).hasType("no-usable-key").body();

        assertEquals(Set.of(1, 2), rejectedLines(problem.path("rejected")).keySet(), problem.toString());
        assertNoDevice(account);
    }

    @Test
    void theSameCodeTwiceOnOneProfileIs409KeyInUse() {
        TestAccount account = TestAccount.withProfile(api);
        String code = SshIdStandIn.serve(new Answer.Keys(TestKeys.ed25519().line() + "\n"));
        account.addSshId(account.profileId(), code).expect(201);

        assertProblem(account.addSshId(account.profileId(), code), 409).hasField("sshid_code").hasType("key-in-use");
    }

    private static void assertNoDevice(TestAccount account) {
        JsonNode devices = account.devices().expect(200).path("devices");
        assertEquals(0, devices.size(), "a failed add must leave no device: " + devices);
        assertFalse(devices.isMissingNode());
    }
}
