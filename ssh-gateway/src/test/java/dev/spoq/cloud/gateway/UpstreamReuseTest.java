package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.hostkeys.KeyFiles;
import dev.spoq.cloud.gateway.support.RunningGateway;
import dev.spoq.cloud.gateway.support.StandInContainer;
import dev.spoq.cloud.gateway.support.StandInControlPlane;
import dev.spoq.cloud.it.support.Proc.Result;
import dev.spoq.cloud.it.support.SshIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's own connection to a computer outlives a login that ended normally and carries the next login of
 * the same profile (the real OpenSSH client through the gateway to a MINA stand-in for the computer's sshd), never
 * one of another profile, and never after the session's access ended.
 */
class UpstreamReuseTest {
    @TempDir
    Path dir;

    private StandInControlPlane controlPlane;
    private RunningGateway gateway;
    private StandInContainer container;

    @BeforeEach
    void start() throws Exception {
        controlPlane = new StandInControlPlane();
        gateway = RunningGateway.startForManyLogins(dir.resolve("gw"), controlPlane.url());
        container = new StandInContainer(KeyFiles.load(gateway.dataDir().resolve("upstream_ed25519")).getPublic(),
                Set.of("alice", "work"), Files.createDirectories(dir.resolve("files")));
    }

    @AfterEach
    void stop() throws Exception {
        container.close();
        gateway.close();
        controlPlane.close();
    }

    @Test
    void theNextLoginOfTheSameProfileReusesTheConnectionAndAnotherProfileGetsItsOwn() throws Exception {
        SshIdentity phone = SshIdentity.generateIn(dir, "phone", "ed25519", 0);
        controlPlane.putReady("alice", phone.publicLine(), "alice", container);
        List<String> afterTheFirst = null;
        for (int i = 0; i < 3; i++) {
            Result result = gateway.client().ssh(phone, "alice", "echo $USER");
            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("alice\n", result.stdout());
            awaitIdle(1);
            if (afterTheFirst == null) {
                afterTheFirst = List.copyOf(container.logins()); // the stand-in records each key check of one login
            }
        }
        assertEquals(afterTheFirst, container.logins(), "the first upstream login carried the three");
        assertTrue(afterTheFirst.stream().allMatch("alice"::equals), afterTheFirst::toString);
        assertTrue(gateway.gateway().upstreams().reusedConnections() >= 2);

        SshIdentity work = SshIdentity.generateIn(dir, "work", "ed25519", 0);
        controlPlane.putReady("work", work.publicLine(), "work", container);
        Result other = gateway.client().ssh(work, "work", "echo $USER");
        assertEquals("work\n", other.stdout(), other::toString);
        assertTrue(container.logins().size() > afterTheFirst.size() && container.logins().get(container.logins().size() - 1).equals("work"),
                () -> "another profile logs in upstream as itself: " + container.logins());
    }

    @Test
    void aSessionWhoseAccessEndedLeavesNoConnectionBehind() throws Exception {
        SshIdentity phone = SshIdentity.generateIn(dir, "phone", "ed25519", 0);
        controlPlane.putReady("alice", phone.publicLine(), "alice", container);
        Path out = dir.resolve("phone.out");
        Process session = new ProcessBuilder(gateway.client().sshCommand(phone, "alice", List.of(), "echo started; sleep 60"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            await("the session started").atMost(Duration.ofSeconds(20)).until(() -> Files.readString(out).contains("started"));
            assertEquals(0, gateway.gateway().upstreams().idleConnections(), "the session's connection is in use");

            controlPlane.remove("alice", phone.publicLine());
            assertTrue(session.waitFor(8, TimeUnit.SECONDS), "cut once the device is removed");
            Thread.sleep(1500); // longer than a normal end takes to give the connection back
            assertEquals(0, gateway.gateway().upstreams().idleConnections(), "the cut session's connection was closed");
        } finally {
            session.destroyForcibly();
        }
    }

    private void awaitIdle(long count) {
        await("the connection waits for the next login").atMost(Duration.ofSeconds(5))
                .until(() -> gateway.gateway().upstreams().idleConnections() == count);
    }
}
