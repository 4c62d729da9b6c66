package dev.spoq.cloud.it.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.SshAskpass;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.TestAccount;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9.1, with the real gateway, OpenSSH and computers: a key routes into an account only after its holder
 * has shown that account's pairing code in an SSH login (no hijack), and nothing another account registers keeps
 * a user from their own computer with their own confirmed key (no lockout). Two computers: alice's (the victim,
 * with a confirmed key) and mallory's (who pastes alice's second public key on a profile named like alice's).
 */
@ExtendWith(ComputerCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PairingIT {

    private static final ApiClient api = new ApiClient();
    private static final Duration LOGIN = Duration.ofSeconds(90);

    @RegisterExtension
    static final GatewayProcess gateway = new GatewayProcess();
    private static final OpenSsh ssh = gateway.client();

    private static Subscriber alice;
    private static Subscriber mallory;
    /** alice's second key: on her laptop, not yet added to her account; its public half is public. */
    private static SshIdentity aliceSecond;
    private static String mallorysCopyId;
    private static String mallorysCode;
    /** alice's second profile, for the pairing tests' own devices. */
    private static String workUsername;
    private static String workProfile;

    @BeforeAll
    static void aliceWithAConfirmedKeyAndMalloryWithACopyOfHerSecondOne() {
        alice = Subscriber.claim(api, "p");
        mallory = Subscriber.register(api).claim("p");
        aliceSecond = SshIdentity.generate();
        // mallory's profile is named like alice's login, and holds alice's second public key
        mallory.account().createProfile(alice.username());
        JsonNode copy = mallory.account().addDevice(mallory.account().profileId(), aliceSecond.key());
        mallorysCopyId = copy.path("device_id").asText();
        mallorysCode = copy.path("pairing_code").asText();
        workUsername = "w" + alice.username().substring(1);
        workProfile = alice.account().createProfile(workUsername);

        alice.awaitRunning(GatewayProcess.COMPUTER_START);
        Proc.Result paired = alice.firstLogin(ssh, "true", LOGIN);
        assertEquals(0, paired.exitCode(), () -> "alice pairs her first device: " + paired);
    }

    @Test
    @Order(1)
    void theHijackFails_aliceOfferingTheCopiedKeyFirstLandsInHerOwnComputerWithoutAPrompt() {
        SshAskpass askpass = SshAskpass.answering(mallorysCode); // what mallory would like her to type

        Proc.Result result = ssh.ssh(alice.identity(), alice.username(),
                List.of("-i", aliceSecond.privateKeyFile().toString(), "-o", "BatchMode=no", "-v"),
                "id -un; hostname", Proc.Input.NONE, askpass.env(), LOGIN);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(alice.username() + "\n" + alice.subdomain(), result.stdout().strip(), "alice's own computer: " + result);
        assertTrue(result.stderr().contains("Offering public key: " + aliceSecond.privateKeyFile()), "the copied key came first: " + result);
        assertTrue(result.stderr().contains("partial success"), () -> "it got partial success, not mallory's computer: " + result);
        assertFalse(askpass.wasAsked(), () -> "no prompt: " + askpass.prompts());
        assertFalse(paired(mallory.account(), mallorysCopyId), "mallory's copy is still unconfirmed");
    }

    @Test
    @Order(2)
    void malloryCanNeverConfirmIt_theCopiedKeyAloneIsNotRoutedToHerComputer() {
        // mallory has no private half; the key's holder (alice) without any code is refused, and told how to pair
        Proc.Result batch = ssh.ssh(aliceSecond, alice.username(), "hostname");
        assertEquals(255, batch.exitCode(), batch::toString);
        assertTrue(batch.stdout().isBlank(), "no computer at all: " + batch);
        assertTrue(batch.stderr().contains("not paired yet"), batch::toString);
        assertFalse(paired(mallory.account(), mallorysCopyId));
    }

    @Test
    @Order(3)
    void aliceAddsAndPairsTheKeyInHerOwnAccount_malloryLosesHerCopyWithANotice() {
        JsonNode added = alice.account().addDevice(alice.account().profileId(), aliceSecond.key());
        String code = added.path("pairing_code").asText();
        assertFalse(added.path("paired").asBoolean(), added.toString());

        Proc.Result first = ssh.sshWithPairingCode(aliceSecond, alice.username(), code, "id -un; hostname", LOGIN);
        assertEquals(0, first.exitCode(), first::toString);
        assertEquals(alice.username() + "\n" + alice.subdomain(), first.stdout().strip(), first::toString);

        assertTrue(paired(alice.account(), added.path("device_id").asText()));
        JsonNode malloryDevices = mallory.account().devices().expect(200);
        assertFalse(malloryDevices.path("devices").toString().contains(mallorysCopyId), "the copy is dropped: " + malloryDevices);
        assertTrue(malloryDevices.path("notices").get(0).path("message").asText().contains(aliceSecond.fingerprint()),
                "with a notice: " + malloryDevices);
        // the key is alice's now: nobody else can add it (the one-account rule, for confirmed keys)
        assertProblem(mallory.account().addKeys(mallory.account().profileId(), aliceSecond.publicLine()), 409)
                .hasField("ssh_public_key").hasType("key-in-use");
        Proc.Result again = ssh.ssh(aliceSecond, alice.username(), "hostname");
        assertEquals(0, again.exitCode(), () -> "the key alone from now on: " + again);
    }

    @Test
    @Order(4)
    void aFirstLoginAsksForTheCodeOnce_batchModeHearsHowWrongIsRefusedRightLetsIn() {
        SshIdentity laptop = SshIdentity.generate();
        String code = alice.account().addDevice(workProfile, laptop.key()).path("pairing_code").asText();

        Proc.Result batch = ssh.ssh(laptop, workUsername, "true");
        assertEquals(255, batch.exitCode(), batch::toString);
        assertTrue(batch.stderr().contains("Spoq: this device is not paired yet. Log in once with ssh from a terminal"), batch::toString);

        Proc.Result wrong = ssh.sshWithPairingCode(laptop, workUsername, "BBBB-BBBB", "true", LOGIN);
        assertEquals(255, wrong.exitCode(), wrong::toString);
        assertTrue(wrong.stderr().contains("That is not the pairing code of this device. 4 more wrong codes lock"), wrong::toString);

        SshAskpass askpass = SshAskpass.answering(code.toLowerCase());
        Proc.Result right = ssh.ssh(laptop, workUsername, SshAskpass.promptOnce(), "id -un; hostname", Proc.Input.NONE,
                askpass.env(), LOGIN);
        assertEquals(0, right.exitCode(), right::toString);
        assertEquals(workUsername + "\n" + alice.subdomain(), right.stdout().strip(), right::toString);
        assertTrue(askpass.prompts().stream().anyMatch(p -> p.contains("Pairing code")), askpass.prompts()::toString);

        Proc.Result next = ssh.ssh(laptop, workUsername, "id -un"); // BatchMode: no prompt possible, none needed
        assertEquals(0, next.exitCode(), next::toString);
        assertEquals(workUsername, next.stdout().strip());
    }

    @Test
    @Order(5)
    void fiveWrongCodesLockThatDeviceForAWhile_theConfirmedKeysStillGetIn() {
        SshIdentity tablet = SshIdentity.generate();
        JsonNode added = alice.account().addDevice(workProfile, tablet.key());
        String code = added.path("pairing_code").asText();
        String deviceId = added.path("device_id").asText();

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Proc.Result wrong = ssh.sshWithPairingCode(tablet, workUsername, "CCCC-CCCC", "true", LOGIN);
            assertEquals(255, wrong.exitCode(), wrong::toString);
            answers.add(wrong.stderr());
        }
        assertTrue(answers.get(4).contains("Too many wrong pairing codes"), answers::toString);
        Proc.Result rightButLocked = ssh.sshWithPairingCode(tablet, workUsername, code, "true", LOGIN);
        assertEquals(255, rightButLocked.exitCode(), rightButLocked::toString);
        assertTrue(rightButLocked.stderr().contains("Too many wrong pairing codes"), rightButLocked::toString);
        assertFalse(device(alice.account(), deviceId).path("pairing_locked_until").isNull(),
                device(alice.account(), deviceId)::toString);

        Proc.Result owner = ssh.ssh(alice.identity(), alice.username(), List.of("-i", tablet.privateKeyFile().toString()),
                "hostname", Proc.Input.NONE, Map.of(), LOGIN);
        assertEquals(0, owner.exitCode(), () -> "no lockout of the confirmed keys: " + owner);
        assertEquals(alice.subdomain(), owner.stdout().strip());
    }

    private static boolean paired(TestAccount account, String deviceId) {
        return device(account, deviceId).path("paired").asBoolean();
    }

    private static JsonNode device(TestAccount account, String deviceId) {
        for (JsonNode device : account.devices().expect(200).path("devices")) {
            if (device.path("device_id").asText().equals(deviceId)) {
                return device;
            }
        }
        throw new AssertionError("no device " + deviceId + " in " + account.devices().expect(200));
    }
}
