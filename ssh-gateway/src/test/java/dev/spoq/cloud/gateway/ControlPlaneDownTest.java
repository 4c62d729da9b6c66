package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.support.RunningGateway;
import dev.spoq.cloud.gateway.support.StandInControlPlane;
import dev.spoq.cloud.it.support.Ports;
import dev.spoq.cloud.it.support.Proc.Result;
import dev.spoq.cloud.it.support.SshIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without a control plane that answers, nobody gets in, quickly, and the operator can see why. */
class ControlPlaneDownTest {
    @TempDir
    Path dir;

    @Test
    void unreachableControlPlaneRefusesLoginsAtOnce() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + Ports.freeLoopbackPort());
        try (RunningGateway gateway = RunningGateway.start(dir.resolve("gw"), nowhere, Map.of())) {
            SshIdentity key = SshIdentity.generateIn(dir, "key", "ed25519", 0);
            long started = System.nanoTime();
            Result result = gateway.client().ssh(key, "alice", "true");
            assertEquals(255, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("Permission denied (publickey)"), result::toString);
            assertTrue(System.nanoTime() - started < 10_000_000_000L, "refused without hanging");
            assertTrue(gateway.gateway().metrics().render().contains("ssh_auth_failures_total{reason=\"control_plane_unavailable\"} 1"),
                    gateway.gateway().metrics().render());
        }
    }

    @Test
    void aWrongInternalTokenRefusesLogins() throws Exception {
        try (StandInControlPlane controlPlane = new StandInControlPlane();
             RunningGateway gateway = RunningGateway.start(dir.resolve("gw"), controlPlane.url(),
                     Map.of("spoq.internal.token", "not-the-token"))) {
            SshIdentity key = SshIdentity.generateIn(dir, "key", "ed25519", 0);
            Result result = gateway.client().ssh(key, "alice", "true");
            assertEquals(255, result.exitCode(), result::toString);
            assertTrue(gateway.gateway().metrics().render().contains("ssh_auth_failures_total{reason=\"control_plane_unavailable\"} 1"),
                    gateway.gateway().metrics().render());
        }
    }
}
