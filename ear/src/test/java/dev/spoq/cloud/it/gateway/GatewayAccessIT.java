package dev.spoq.cloud.it.gateway;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.Unique;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who gets in through the SSH gateway, and what a user hears when they cannot: the key names the account
 * and the login name its profile (two profiles, two Linux users); another account's key, an unknown key and
 * a password get nothing; a removed device is refused within 5 s; a frozen computer and a suspended one give a
 * message, not a hang; a computer starting again says so and then lets the user in. Two computers (alice, bob),
 * one gateway process, in order.
 */
@ExtendWith(ComputerCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayAccessIT {

    private static final ApiClient api = new ApiClient();
    private static final String DENIED = "Permission denied (publickey)";

    @RegisterExtension
    static final GatewayProcess gateway = new GatewayProcess();
    private static final OpenSsh ssh = gateway.client();
    /** Profile 1 (alice.username()) with devices K1 and "spare" K3; profile 2 with the same key K1. */
    private static Subscriber alice;
    private static String secondUsername;
    private static SshIdentity spare;
    private static String spareDeviceId;
    private static String spareCode;
    /** Another account (claimed last in the set-up, so that its first login may still find the computer starting). */
    private static Subscriber bob;
    private static String bobStatusAfterSetUp;
    /** A second device of bob's, used only once the computer is starting again (no route of it cached yet). */
    private static SshIdentity bobSecondKey;
    private static String bobSecondCode;

    @BeforeAll
    static void claimTwoComputers() {
        alice = Subscriber.claim(api, "g");
        spare = SshIdentity.generate();
        var spareDevice = alice.account().addDevice(alice.account().profileId(), spare.key());
        spareDeviceId = spareDevice.path("device_id").asText();
        spareCode = spareDevice.path("pairing_code").asText();
        secondUsername = Unique.username();
        String secondProfile = alice.account().createProfile(secondUsername);
        alice.account().addDevice(secondProfile, alice.identity().key()); // the same key on both profiles of one account

        bob = Subscriber.claim(api, "g");
        bobStatusAfterSetUp = bob.containerStatus();
        bobSecondKey = SshIdentity.generate();
        bobSecondCode = bob.account().addDevice(bob.account().profileId(), bobSecondKey.key()).path("pairing_code").asText();
    }

    @Test
    @Order(1)
    void aNewAccountsFirstLoginLandsInItsNewComputer() {
        String statusBefore = bob.containerStatus();

        // the device's first login: it answers its pairing code once (PairingIT covers what pairing does)
        Proc.Result result = bob.firstLogin(ssh, "id -un; hostname", Duration.ofSeconds(120));

        assertFalse(result.timedOut(), result::toString);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(bob.username() + "\n" + bob.subdomain(), result.stdout().strip(), result::toString);
        System.out.printf("[GatewayAccessIT] status after set-up %s, before ssh %s; login took %d ms%n", bobStatusAfterSetUp,
                statusBefore, result.millis());
        // a new computer is up about a second after the claim, so whether this login still found it starting is
        // a race (the gateway asks a few hundred ms after the status read above); test 9 makes that case certain
        System.out.println("[GatewayAccessIT] starting banner seen: " + result.stderr().contains("Starting your Spoq computer"));
    }

    @Test
    @Order(2)
    void twoProfilesOfOneAccountLandAsTheirOwnLinuxUsersWithTheSameKey() {
        alice.awaitRunning(GatewayProcess.COMPUTER_START);

        // the second Linux user appears in the computer within seconds of the profile (the platform's account sync);
        // the first login pairs the key, for both profiles of the account (the same key)
        Proc.Result first = await("a login as " + alice.username()).atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> alice.firstLogin(ssh, "id -un; id -u; echo $HOME; hostname", OpenSsh.DEFAULT_TIMEOUT), Proc.Result::ok);
        Proc.Result second = await("a login as " + secondUsername).atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> ssh.ssh(alice.identity(), secondUsername, "id -un; id -u; echo $HOME; hostname"), Proc.Result::ok);

        assertEquals(0, first.exitCode(), first::toString);
        assertEquals(0, second.exitCode(), second::toString);
        List<String> one = first.stdout().strip().lines().toList();
        List<String> two = second.stdout().strip().lines().toList();
        assertEquals(List.of(alice.username(), one.get(1), "/home/" + alice.username(), alice.subdomain()), one, first::toString);
        assertEquals(List.of(secondUsername, two.get(1), "/home/" + secondUsername, alice.subdomain()), two, second::toString);
        assertNotEquals(one.get(1), two.get(1), "two Linux users, two uids");
    }

    @Test
    @Order(3)
    void anotherAccountsKeyGetsNothingFromThisComputer() {
        bob.awaitRunning(GatewayProcess.COMPUTER_START);
        Proc.Result bobAsAlice = ssh.ssh(bob.identity(), alice.username(), "hostname");
        Proc.Result bobAsAlicesSecond = ssh.ssh(bob.identity(), secondUsername, "hostname");
        Proc.Result aliceAsBob = ssh.ssh(alice.identity(), bob.username(), "hostname");
        Proc.Result bobAsBob = ssh.ssh(bob.identity(), bob.username(), "hostname");

        for (Proc.Result refused : List.of(bobAsAlice, bobAsAlicesSecond, aliceAsBob)) {
            assertRefusedPlainly(refused);
        }
        assertEquals(0, bobAsBob.exitCode(), bobAsBob::toString);
        assertEquals(bob.subdomain(), bobAsBob.stdout().strip(), "bob's key takes bob to his own computer");
        // bob's second device is paired now, so that test 9 finds it confirmed (and its route long out of the cache)
        Proc.Result bobSecond = ssh.sshWithPairingCode(bobSecondKey, bob.username(), bobSecondCode, "true", OpenSsh.DEFAULT_TIMEOUT);
        assertEquals(0, bobSecond.exitCode(), bobSecond::toString);
    }

    @Test
    @Order(4)
    void anUnknownKeyLearnsNothing() {
        SshIdentity stranger = SshIdentity.generate();

        assertRefusedPlainly(ssh.ssh(stranger, alice.username(), "hostname"));
        assertRefusedPlainly(ssh.ssh(stranger, "root", "hostname"));
    }

    @Test
    @Order(5)
    void passwordAuthenticationIsNeverOffered(@TempDir Path dir) throws IOException {
        Path asked = dir.resolve("askpass-was-called");
        Path askpass = dir.resolve("askpass.sh");
        Files.writeString(askpass, "#!/bin/sh\ntouch '" + asked + "'\necho 'a-password'\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));

        Proc.Result result = ssh.ssh(alice.identity(), alice.username(),
                List.of("-v", "-o", "BatchMode=no", "-o", "PubkeyAuthentication=no",
                        "-o", "PreferredAuthentications=password,keyboard-interactive", "-o", "NumberOfPasswordPrompts=1"),
                "hostname", Proc.Input.NONE, Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force",
                        "DISPLAY", ":0"), OpenSsh.DEFAULT_TIMEOUT);

        assertEquals(255, result.exitCode(), result::toString);
        assertTrue(result.stdout().isBlank(), result::toString);
        assertTrue(result.stderr().contains(DENIED), () -> "only publickey is offered: " + result);
        List<String> offered = result.stderr().lines().filter(l -> l.contains("Authentications that can continue:")).toList();
        assertFalse(offered.isEmpty(), result::toString);
        offered.forEach(line -> assertTrue(line.strip().endsWith("Authentications that can continue: publickey"), line));
        assertFalse(Files.exists(asked), "the client never had a password prompt to answer");
    }

    @Test
    @Order(6)
    void aRemovedDeviceIsRefusedWithinFiveSeconds() {
        // its first login (the pairing code), which fills the gateway's route cache too
        Proc.Result before = ssh.sshWithPairingCode(spare, alice.username(), spareCode, "true", OpenSsh.DEFAULT_TIMEOUT);
        assertEquals(0, before.exitCode(), before::toString);

        alice.account().deleteDevice(spareDeviceId).expect(200);
        long deleted = System.nanoTime();

        List<String> attempts = Collections.synchronizedList(new ArrayList<>());
        AtomicLong lastStarted = new AtomicLong();
        Proc.Result refused = null;
        try {
            refused = await("refused after the delete").atMost(Duration.ofSeconds(15)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        long started = System.nanoTime();
                        Proc.Result attempt = ssh.ssh(spare, alice.username(), "true");
                        attempts.add(String.format("%.2f s: exit %d", (started - deleted) / 1e9, attempt.exitCode()));
                        lastStarted.set(started);
                        return attempt;
                    }, attempt -> !attempt.ok());
        } catch (ConditionTimeoutException stillLetIn) {
            // asserted below, with every attempt
        }
        double refusedAfter = (lastStarted.get() - deleted) / 1e9;
        System.out.println("[GatewayAccessIT] attempts after the delete: " + attempts);

        assertTrue(refused != null, () -> "still let in 15 s after the delete: " + attempts);
        double after = refusedAfter;
        assertTrue(after <= 5.0, () -> "refused only " + after + " s after the delete: " + attempts);
        assertRefusedOrEnded(refused);
        // the promise is "within five seconds": until then a route the gateway cached before the delete may still let
        // one more login in (seen once in CI: refused at 0.0 s, then in at 0.3 s); from then on every login is refused
        long windowEnds = deleted + Duration.ofSeconds(5).toNanos();
        for (long left = windowEnds - System.nanoTime(); left > 0; left = windowEnds - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        assertRefusedPlainly(ssh.ssh(spare, alice.username(), "true"));
        Proc.Result other = ssh.ssh(alice.identity(), alice.username(), "true");
        assertEquals(0, other.exitCode(), () -> "the other device still gets in: " + other);
    }

    @Test
    @Order(7)
    void aFrozenComputerGivesAMessageNotAHang() {
        String container = Docker.runningContainerOf(Docker.serviceName(alice.subdomain()))
                .orElseThrow(() -> new AssertionError("no running container of " + alice.subdomain()));
        Docker.ok("pause", container);
        try {
            Proc.Result result = ssh.ssh(alice.identity(), alice.username(), List.of(), "hostname", Proc.Input.NONE, Map.of(),
                    Duration.ofSeconds(60));

            System.out.println("[GatewayAccessIT] login to a frozen computer: " + result);
            assertFalse(result.timedOut(), () -> "the login hung: " + result);
            assertTrue(result.millis() < 40_000, () -> "took " + result.millis() + " ms: " + result);
            assertEquals(255, result.exitCode(), result::toString);
            assertTrue(result.stdout().isBlank(), result::toString);
            assertTrue(result.stderr().contains("not answering"), () -> "the user hears why: " + result);
        } finally {
            Docker.run("unpause", container);
        }
        Proc.Result again = await("a login after the unpause").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> ssh.ssh(alice.identity(), alice.username(), "hostname"), Proc.Result::ok);
        assertEquals(alice.subdomain(), again.stdout().strip());
    }

    @Test
    @Order(8)
    void aSuspendedComputerGivesTheBannerNotAHang() {
        assertTrue(bob.ops().suspend(bob.containerId()).expect(200).path("success").asBoolean());
        long suspended = System.nanoTime();

        Proc.Result refused = await("the suspended banner").atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
            Proc.Result attempt = ssh.ssh(bob.identity(), bob.username(), List.of(), "hostname", Proc.Input.NONE, Map.of(),
                    Duration.ofSeconds(30));
            assertFalse(attempt.timedOut(), () -> "a login to a suspended computer hung: " + attempt);
            return attempt;
        }, attempt -> attempt.stderr().contains("suspended"));
        System.out.printf("[GatewayAccessIT] suspended banner %.1f s after the suspend, the login took %d ms%n",
                (System.nanoTime() - suspended) / 1e9, refused.millis());

        assertEquals(255, refused.exitCode(), refused::toString);
        assertTrue(refused.stdout().isBlank(), refused::toString);
        assertTrue(refused.stderr().contains("Your Spoq computer is suspended"), refused::toString);
        assertTrue(refused.millis() < 15_000, () -> "answered at once: " + refused);
    }

    @Test
    @Order(9)
    void aComputerThatIsStartingAgainSaysSoAndThenLetsTheUserIn() {
        String containerId = bob.containerId();
        assertTrue(bob.ops().resume(containerId).expect(200).path("success").asBoolean());
        String statusAtLogin = bob.containerStatus();

        // a key whose route the gateway has not cached: it asks the control plane now, while the computer starts
        Proc.Result result = ssh.ssh(bobSecondKey, bob.username(), List.of(), "id -un; hostname", Proc.Input.NONE, Map.of(),
                Duration.ofSeconds(120));
        System.out.printf("[GatewayAccessIT] login right after the resume (status %s): %d ms%n", statusAtLogin, result.millis());

        assertTrue(Set.of("pending", "provisioning").contains(statusAtLogin), "the computer is starting: " + statusAtLogin);
        assertFalse(result.timedOut(), result::toString);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(bob.username() + "\n" + bob.subdomain(), result.stdout().strip(), result::toString);
        assertTrue(result.stderr().contains("Starting your Spoq computer"), () -> "the user hears that it is starting: " + result);
        assertEquals("running", bob.containerStatus());
    }

    /**
     * The first attempt after the delete may still pass a route the gateway looked up a moment before it; the session
     * check then ends it with the device's own reason. Either way the login fails.
     */
    private static void assertRefusedOrEnded(Proc.Result result) {
        if (result.stderr().contains("This device was removed from your Spoq account.")) {
            assertEquals(255, result.exitCode(), result::toString);
            assertTrue(result.stdout().isBlank(), result::toString);
        } else {
            assertRefusedPlainly(result);
        }
    }

    /** A plain authentication failure: exit 255, nothing on stdout, no word from Spoq (no banner). */
    private static void assertRefusedPlainly(Proc.Result result) {
        assertFalse(result.timedOut(), result::toString);
        assertEquals(255, result.exitCode(), result::toString);
        assertTrue(result.stdout().isBlank(), result::toString);
        assertTrue(result.stderr().contains(DENIED), result::toString);
        assertFalse(result.stderr().toLowerCase().contains("spoq"), () -> "an unknown key learns nothing: " + result);
    }
}
