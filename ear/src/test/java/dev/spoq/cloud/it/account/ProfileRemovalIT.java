package dev.spoq.cloud.it.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.gateway.GatewayProcess;
import dev.spoq.cloud.it.support.ItDatabase;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.AfterAll;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Removing a profile, on a real computer through the real gateway and OpenSSH: its open session ends within
 * seconds, it can no longer log in while the other profile still can, its Linux user is locked with its home kept
 * (the dashboard's data says until when), and once the kept time is over (moved in the database) the home is gone.
 * Renaming a device; another account can do neither to these.
 */
@ExtendWith(ComputerCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProfileRemovalIT {

    private static final ApiClient api = new ApiClient();

    @RegisterExtension
    static final GatewayProcess gateway = new GatewayProcess();
    @TempDir
    static Path dir;
    private static Subscriber alice;
    private static String secondProfile;
    private static String secondUsername;
    private static SshIdentity secondKey;
    private static Process openSession;

    @BeforeAll
    static void aComputerWithTwoProfilesBothPaired() throws IOException {
        ServerReady.await();
        alice = Subscriber.claim(api, "pr");
        secondUsername = Unique.username();
        secondProfile = alice.account().createProfile(secondUsername);
        secondKey = SshIdentity.generate();
        JsonNode device = alice.account().addDevice(secondProfile, secondKey.key());
        alice.awaitRunning(GatewayProcess.COMPUTER_START);
        Proc.Result first = alice.firstLogin(gateway.client(), "true", OpenSsh.DEFAULT_TIMEOUT);
        assertTrue(first.ok(), first::toString);
        Proc.Result second = gateway.client().sshWithPairingCode(secondKey, secondUsername, device.path("pairing_code").asText(),
                "echo kept > ~/notes.txt", OpenSsh.DEFAULT_TIMEOUT);
        assertTrue(second.ok(), second::toString);
    }

    @AfterAll
    static void stopClients() {
        if (openSession != null) {
            openSession.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void anotherAccountCanNeitherRemoveTheProfileNorRenameItsDevices() {
        TestAccount mallory = TestAccount.register(api);
        assertProblem(api.delete("/api/profiles/" + secondProfile, mallory.token()), 404).hasField("profile_id");
        assertProblem(api.send("PATCH", "/api/devices/" + alice.deviceId(), jsonWith(mallory.token()),
                Json.write(Json.object("name", "mine now"))), 404).hasField("device_id");
        assertProblem(api.delete("/api/profiles/" + secondProfile, null), 401);
        // nothing changed for alice
        assertEquals(2, alice.status().path("profiles").size());
    }

    @Test
    @Order(2)
    void aDeviceIsRenamed() {
        JsonNode renamed = api.send("PATCH", "/api/devices/" + alice.deviceId(), jsonWith(alice.account().token()),
                Json.write(Json.object("name", "Work laptop"))).expect(200);
        assertEquals("Work laptop", renamed.path("name").asText());
        JsonNode devices = alice.account().devices().expect(200).path("devices");
        boolean found = false;
        for (JsonNode d : devices) {
            found |= d.path("device_id").asText().equals(alice.deviceId()) && d.path("name").asText().equals("Work laptop");
        }
        assertTrue(found, devices::toString);
        assertProblem(api.send("PATCH", "/api/devices/" + alice.deviceId(), jsonWith(alice.account().token()),
                Json.write(Json.object("name", " "))), 400).hasField("name");
        assertProblem(api.send("PATCH", "/api/devices/" + alice.deviceId(), jsonWith(alice.account().token()),
                Json.write(Json.object("name", "x".repeat(65)))), 400).hasField("name");
    }

    @Test
    @Order(3)
    void theRemovedProfileIsLockedAtOnceAndTheOtherStillLogsIn() throws Exception {
        Path out = dir.resolve("second.out");
        openSession = new ProcessBuilder(gateway.client().sshCommand(secondKey, secondUsername, List.of(), "echo started; sleep 60"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        await("the second profile's session started").atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(out).contains("started") || !openSession.isAlive());
        assertTrue(openSession.isAlive(), Files.readString(out));

        JsonNode removed = api.delete("/api/profiles/" + secondProfile, alice.account().token()).expect(200);
        assertEquals(secondUsername, removed.path("username").asText());
        Instant keepUntil = Instant.parse(removed.path("keep_home_until").asText());
        assertTrue(keepUntil.isAfter(Instant.now().plus(Duration.ofDays(29))), removed::toString);

        // its open session ends within seconds, and it can no longer log in
        assertTrue(openSession.waitFor(8, TimeUnit.SECONDS), () -> "still open: " + read(out));
        assertEquals(255, openSession.exitValue(), read(out));
        Proc.Result refused = gateway.client().ssh(secondKey, secondUsername, "true");
        assertFalse(refused.ok(), refused::toString);
        // the other profile still can
        Proc.Result other = gateway.client().ssh(alice.identity(), alice.username(), "id -un");
        assertTrue(other.ok(), other::toString);
        assertEquals(alice.username(), other.output().strip());

        // inside: the user is locked (no shell, no platform key, no processes), its home kept with its files
        String container = alice.dockerContainer();
        await("the Linux user locked").atMost(Duration.ofSeconds(15)).until(() ->
                Docker.execIn(container, "sh", "-c", "getent passwd " + secondUsername + " | cut -d: -f7").stdout().strip()
                        .equals("/usr/sbin/nologin"));
        assertEquals("", Docker.execIn(container, "sh", "-c", "grep -v '^#' /home/.spoq/authorized_keys/" + secondUsername
                + " || true").stdout().strip(), "no platform key left");
        assertFalse(Docker.execIn(container, "pgrep", "-u", secondUsername).ok(), "no process of the removed profile");
        assertEquals("kept", Docker.execIn(container, "cat", "/home/" + secondUsername + "/notes.txt").stdout().strip());

        // the account says so (what the dashboard shows)
        JsonNode account = api.get("/api/account", alice.account().token()).expect(200);
        JsonNode listed = account.path("removed_profiles").get(0);
        assertEquals(secondUsername, listed.path("username").asText(), account::toString);
        assertFalse(listed.path("home_removed").asBoolean(), account::toString);
        assertEquals(1, alice.status().path("profiles").size());
        assertProblem(api.delete("/api/profiles/" + secondProfile, alice.account().token()), 404);
    }

    @Test
    @Order(4)
    void onceTheKeptTimeIsOverTheHomeIsRemoved() {
        assertEquals(1, ItDatabase.update("UPDATE removed_profiles SET keep_home_until = now() - interval '1 second' "
                + "WHERE user_id = CAST(? AS uuid) AND username = ?", alice.userId(), secondUsername));
        String container = alice.dockerContainer();
        await("the kept home removed").atMost(Duration.ofSeconds(30)).until(() ->
                !Docker.execIn(container, "test", "-e", "/home/" + secondUsername).ok());
        assertFalse(Docker.execIn(container, "getent", "passwd", secondUsername).ok(), "the Linux user is gone too");
        assertTrue(api.get("/api/account", alice.account().token()).expect(200).path("removed_profiles").get(0)
                .path("home_removed").asBoolean());
        // the remaining profile is untouched
        Proc.Result other = gateway.client().ssh(alice.identity(), alice.username(), "id -un");
        assertTrue(other.ok(), other::toString);
    }

    private static java.util.Map<String, String> jsonWith(String token) {
        java.util.Map<String, String> headers = ApiClient.bearer(token);
        headers.put("Content-Type", ApiClient.JSON);
        return headers;
    }

    private static String read(Path out) {
        try {
            return Files.readString(out);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
