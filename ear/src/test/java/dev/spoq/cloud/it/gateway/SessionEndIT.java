package dev.spoq.cloud.it.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.Subscriber;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions end when access ends, with the real OpenSSH client holding {@code sleep 60} open in a real computer
 * through the real gateway: removing the device cuts its session within 5 s (and says why) while another
 * device's session goes on; suspending the computer cuts its sessions within 5 s, and so does deleting it.
 * One computer, one gateway process, in order.
 */
@ExtendWith(ComputerCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionEndIT {

    private static final ApiClient api = new ApiClient();
    private static final Duration CUT_WITHIN = Duration.ofSeconds(5);

    @RegisterExtension
    static final GatewayProcess gateway = new GatewayProcess();
    @TempDir
    static Path dir;
    private static Subscriber alice;
    private static SshIdentity laptop;
    private static String laptopDeviceId;
    private static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void claimAComputerWithTwoDevices() {
        alice = Subscriber.claim(api, "se");
        laptop = SshIdentity.generate();
        JsonNode added = alice.account().addDevice(alice.account().profileId(), laptop.key());
        laptopDeviceId = added.path("device_id").asText();
        alice.awaitRunning(GatewayProcess.COMPUTER_START);
        // both devices are paired (their first login types the code), so later logins need the key alone
        Proc.Result phonePaired = alice.firstLogin(gateway.client(), "true", OpenSsh.DEFAULT_TIMEOUT);
        assertTrue(phonePaired.ok(), phonePaired::toString);
        Proc.Result laptopPaired = gateway.client().sshWithPairingCode(laptop, alice.username(),
                added.path("pairing_code").asText(), "true", OpenSsh.DEFAULT_TIMEOUT);
        assertTrue(laptopPaired.ok(), laptopPaired::toString);
    }

    @AfterAll
    static void stopClients() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    @Order(0)
    void theSessionCheckAnswersTheInternalTokenOnlyAndNamesABadId() {
        String path = "/internal/gateway/sessions";
        JsonNode answer = api.post(path, OpsClient.internalToken(),
                Map.of("device_ids", List.of(alice.deviceId(), UUID.randomUUID().toString()))).expect(200);
        assertEquals(1, answer.path("ended").size(), answer::toString);
        assertNotEquals(alice.deviceId(), answer.path("ended").get(0).path("device_id").asText(), "alice's device still has access");
        assertEquals("This device was removed from your Spoq account.", answer.path("ended").get(0).path("message").asText());

        assertProblem(api.post(path, OpsClient.internalToken(), Map.of("device_ids", List.of("not-an-id"))), 400).hasField("device_ids");
        assertProblem(api.post(path, alice.account().token(), Map.of("device_ids", List.of(alice.deviceId()))), 403);
        assertProblem(api.post(path, null, Map.of("device_ids", List.of(alice.deviceId()))), 401);
    }

    @Test
    @Order(1)
    void removingADeviceCutsItsOpenSessionWithinFiveSecondsAndNotTheOthers() throws Exception {
        Process phone = sleeping("phone-1", alice.identity());
        Process onLaptop = sleeping("laptop", laptop);

        alice.account().deleteDevice(laptopDeviceId).expect(200);
        long cutAfter = millisUntilEnded(onLaptop, "laptop");

        String output = output("laptop");
        assertEquals(255, onLaptop.exitValue(), output);
        assertTrue(output.contains("Spoq: This device was removed from your Spoq account."), output);
        assertTrue(phone.isAlive(), "the other device's session goes on: " + output("phone-1"));
        System.out.printf("[SessionEndIT] the removed device's session was cut %d ms after DELETE /api/devices/%s%n",
                cutAfter, laptopDeviceId);
        phone.destroy();
    }

    @Test
    @Order(2)
    void suspendingTheComputerCutsItsSessionsWithinFiveSeconds() throws Exception {
        Process phone = sleeping("phone-2", alice.identity());

        assertTrue(alice.ops().suspend(alice.containerId()).expect(200).path("success").asBoolean());
        long cutAfter = millisUntilEnded(phone, "phone-2");

        // the computer stopping closes the upstream too; which of the two comes first is a race, both are a cut
        System.out.printf("[SessionEndIT] suspended: cut after %d ms, %s%n", cutAfter,
                output("phone-2").contains("Spoq: Your Spoq computer is suspended") ? "by the gateway's session check"
                        : "by the computer stopping");
        assertEquals(255, phone.exitValue(), output("phone-2"));
    }

    @Test
    @Order(3)
    void deletingTheComputerCutsItsSessionsWithinFiveSeconds() throws Exception {
        assertTrue(alice.ops().resume(alice.containerId()).expect(200).path("success").asBoolean());
        alice.awaitRunning(GatewayProcess.COMPUTER_START);
        Process phone = await("a session after the resume").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> sleeping("phone-3", alice.identity()), Process::isAlive);

        assertTrue(alice.ops().delete(alice.containerId()).expect(200).path("success").asBoolean());
        long cutAfter = millisUntilEnded(phone, "phone-3");

        System.out.printf("[SessionEndIT] deleted: cut after %d ms, %s%n", cutAfter,
                output("phone-3").contains("Spoq: This Spoq computer has been deleted.") ? "by the gateway's session check"
                        : "by the computer stopping");
        assertEquals(255, phone.exitValue(), output("phone-3"));
    }

    /** Waits for the session to end; asserts it did within {@link #CUT_WITHIN}; returns after how many ms. */
    private static long millisUntilEnded(Process session, String name) throws InterruptedException {
        long from = System.nanoTime();
        boolean ended = session.waitFor(CUT_WITHIN.toMillis() + 3000, TimeUnit.MILLISECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - from);
        assertTrue(ended, () -> name + "'s session still open after " + millis + " ms: " + output(name));
        assertTrue(millis <= CUT_WITHIN.toMillis(), () -> name + "'s session was cut after " + millis + " ms: " + output(name));
        return millis;
    }

    /** {@code ssh user@gateway 'echo started; sleep 60'} in the background, once it has printed "started". */
    private static Process sleeping(String name, SshIdentity key) throws IOException {
        Path out = dir.resolve(name + ".out");
        Process process = new ProcessBuilder(gateway.client().sshCommand(key, alice.username(), List.of(), "echo started; sleep 60"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        started.add(process);
        await(name + "'s session started").atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(out).contains("started") || !process.isAlive());
        assertTrue(process.isAlive(), () -> name + ": " + output(name));
        return process;
    }

    private static String output(String name) {
        try {
            return Files.readString(dir.resolve(name + ".out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
