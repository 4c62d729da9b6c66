package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.hostkeys.KeyFiles;
import dev.spoq.cloud.gateway.support.RunningGateway;
import dev.spoq.cloud.gateway.support.StandInContainer;
import dev.spoq.cloud.gateway.support.StandInControlPlane;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.Proc.Result;
import dev.spoq.cloud.it.support.SshAskpass;
import dev.spoq.cloud.it.support.SshIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's side of pairing with the real OpenSSH client: a key that awaits its first login gets partial
 * success, so a confirmed key offered after it lands with no prompt; alone, it is asked its code
 * (keyboard-interactive, answered by an askpass script); a wrong code is refused; BatchMode hears how to pair.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairingLoginTest {
    private static final String CODE = "BCDFGHJK";

    @TempDir
    static Path dir;

    private StandInControlPlane controlPlane;
    private RunningGateway gateway;
    private StandInContainer container;
    private OpenSsh ssh;

    @BeforeAll
    void start() throws Exception {
        controlPlane = new StandInControlPlane();
        gateway = RunningGateway.startForManyLogins(dir.resolve("gateway"), controlPlane.url());
        container = new StandInContainer(KeyFiles.load(gateway.dataDir().resolve("upstream_ed25519")).getPublic(),
                Set.of("alice", "work"), Files.createDirectories(dir.resolve("files")));
        ssh = gateway.client();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable started : new AutoCloseable[] {container, gateway, controlPlane}) {
            if (started != null) {
                started.close();
            }
        }
    }

    @Test
    void anUnconfirmedKeyOfferedFirstDoesNotKeepAConfirmedOneFromLandingAndNothingIsAsked() {
        SshIdentity pasted = SshIdentity.generateIn(dir, "pasted_elsewhere", "ed25519", 0);
        SshIdentity confirmed = SshIdentity.generateIn(dir, "confirmed", "ed25519", 0);
        // "pasted" waits for pairing; if it paired, it would go to another profile ("work")
        controlPlane.putPairing("alice", pasted.publicLine(), CODE, "work", container);
        controlPlane.putReady("alice", confirmed.publicLine(), "alice", container);
        SshAskpass askpass = SshAskpass.answering(CODE);

        Result result = ssh.ssh(confirmed, "alice", List.of("-i", pasted.privateKeyFile().toString(), "-o", "BatchMode=no", "-v"),
                "echo user=$USER", Proc.Input.NONE, askpass.env(), OpenSsh.DEFAULT_TIMEOUT);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("user=alice", result.stdout().strip(), result::toString);
        assertTrue(result.stderr().contains("partial success"), () -> "the first key got partial success: " + result);
        assertFalse(askpass.wasAsked(), "no prompt when a confirmed key followed");
        assertFalse(controlPlane.codesTyped().contains(CODE), "no code was checked: " + controlPlane.codesTyped());
    }

    @Test
    void aKeyAloneIsAskedItsCodeOnceAndTheRightCodeLetsItIn() {
        SshIdentity fresh = SshIdentity.generateIn(dir, "fresh", "ed25519", 0);
        controlPlane.putPairing("work", fresh.publicLine(), "CDFGHJKL", "work", container);
        SshAskpass askpass = SshAskpass.answering("CDFGHJKL");

        Result paired = ssh.ssh(fresh, "work", List.of("-o", "BatchMode=no"), "echo user=$USER", Proc.Input.NONE,
                askpass.env(), OpenSsh.DEFAULT_TIMEOUT);

        assertEquals(0, paired.exitCode(), paired::toString);
        assertEquals("user=work", paired.stdout().strip(), paired::toString);
        List<String> prompts = askpass.prompts();
        assertTrue(prompts.stream().anyMatch(p -> p.contains("Pairing code")), () -> "asked: " + prompts);
        assertTrue(controlPlane.codesTyped().contains("CDFGHJKL"), controlPlane.codesTyped()::toString);

        Result again = ssh.ssh(fresh, "work", "echo user=$USER"); // BatchMode=yes: no prompt possible
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals("user=work", again.stdout().strip(), again::toString);
    }

    @Test
    void aWrongCodeIsRefused() {
        SshIdentity fresh = SshIdentity.generateIn(dir, "wrong", "ed25519", 0);
        controlPlane.putPairing("alice", fresh.publicLine(), "DFGHJKLM", "alice", container);
        SshAskpass askpass = SshAskpass.answering("ZZZZZZZZ");

        Result result = ssh.ssh(fresh, "alice", List.of("-o", "BatchMode=no", "-o", "NumberOfPasswordPrompts=1"), "true",
                Proc.Input.NONE, askpass.env(), OpenSsh.DEFAULT_TIMEOUT);

        assertEquals(255, result.exitCode(), result::toString);
        assertTrue(result.stdout().isBlank(), result::toString);
        assertTrue(result.stderr().contains("That is not the pairing code"), result::toString);
        assertTrue(result.stderr().contains("Permission denied"), result::toString);
        assertTrue(askpass.wasAsked());
    }

    @Test
    void batchModeHearsHowToPairAndFails() {
        SshIdentity fresh = SshIdentity.generateIn(dir, "batch", "ed25519", 0);
        controlPlane.putPairing("alice", fresh.publicLine(), "FGHJKLMN", "alice", container);

        Result result = ssh.ssh(fresh, "alice", "true");

        assertEquals(255, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("not paired yet"), result::toString);
        assertTrue(result.stdout().isBlank(), result::toString);
    }

    @Test
    void nobodyIsAskedAnythingBeforeProvingAKey() {
        SshIdentity stranger = SshIdentity.generateIn(dir, "stranger", "ed25519", 0);
        SshAskpass askpass = SshAskpass.answering(CODE);

        Result result = ssh.ssh(stranger, "alice", List.of("-o", "BatchMode=no", "-v"), "true", Proc.Input.NONE,
                askpass.env(), OpenSsh.DEFAULT_TIMEOUT);

        assertEquals(255, result.exitCode(), result::toString);
        assertFalse(askpass.wasAsked());
        result.stderr().lines().filter(l -> l.contains("Authentications that can continue:"))
                .forEach(line -> assertTrue(line.strip().endsWith("can continue: publickey"), line));
    }
}
