package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.support.RunningGateway;
import dev.spoq.cloud.gateway.support.StandInControlPlane;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc.Result;
import dev.spoq.cloud.it.support.SshIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Users' known_hosts entries must survive gateway restarts (and replicas sharing the data directory). */
class HostKeyPersistenceTest {
    @TempDir
    Path dir;

    @Test
    void hostKeysAndTheUpstreamKeyAreTheSameAfterARestart() throws Exception {
        Path data = dir.resolve("data");
        Path published = dir.resolve("published/gateway_upstream.pub");
        Map<String, String> settings = Map.of("spoq.gateway.upstream-public-key-file", published.toString());
        try (StandInControlPlane controlPlane = new StandInControlPlane()) {
            Set<String> first;
            String upstreamKey;
            List<String> firstKnownHosts;
            try (RunningGateway gateway = RunningGateway.start(data, controlPlane.url(), settings)) {
                first = OpenSsh.hostKeys(gateway.port());
                upstreamKey = Files.readString(published);
                firstKnownHosts = gateway.knownHostsLines();
            }
            assertEquals(3, first.size(), "ed25519, ecdsa and rsa host keys: " + first);
            for (String key : List.of("ssh_host_ed25519_key", "ssh_host_ecdsa_key", "ssh_host_rsa_key", "upstream_ed25519")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(key))), key);
            }
            assertTrue(upstreamKey.startsWith("ssh-ed25519 "), upstreamKey);

            try (RunningGateway restarted = RunningGateway.start(data, controlPlane.url(), settings)) {
                assertEquals(first, OpenSsh.hostKeys(restarted.port()));
                assertEquals(upstreamKey, Files.readString(published));

                // the first run's known_hosts (moved to the new port) is still good for a strict client
                Path oldKnownHosts = dir.resolve("old_known_hosts");
                Files.write(oldKnownHosts, firstKnownHosts.stream()
                        .map(line -> "[127.0.0.1]:" + restarted.port() + line.substring(line.indexOf(' '))).toList());
                SshIdentity someKey = SshIdentity.generateIn(dir, "some_key", "ed25519", 0);
                Result result = OpenSsh.pinned(restarted.port(), oldKnownHosts).ssh(someKey, "alice", "true");
                assertFalse(result.stderr().contains("Host key verification failed"), result::toString);
                assertTrue(result.stderr().contains("Permission denied (publickey)"), result::toString);
            }
        }
    }
}
