package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.support.OpenSsh;
import dev.spoq.cloud.gateway.support.OpenSsh.Result;
import dev.spoq.cloud.gateway.support.RunningGateway;
import dev.spoq.cloud.gateway.support.StandInControlPlane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
            TreeSet<String> first;
            String upstreamKey;
            List<String> firstKnownHosts;
            try (RunningGateway gateway = RunningGateway.start(data, controlPlane.url(), settings)) {
                first = keyscan(gateway.port());
                upstreamKey = Files.readString(published);
                firstKnownHosts = gateway.knownHostsLines();
            }
            assertEquals(3, first.size(), "ed25519, ecdsa and rsa host keys: " + first);
            for (String key : List.of("ssh_host_ed25519_key", "ssh_host_ecdsa_key", "ssh_host_rsa_key", "upstream_ed25519")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(key))), key);
            }
            assertTrue(upstreamKey.startsWith("ssh-ed25519 "), upstreamKey);

            try (RunningGateway restarted = RunningGateway.start(data, controlPlane.url(), settings)) {
                assertEquals(first, keyscan(restarted.port()));
                assertEquals(upstreamKey, Files.readString(published));

                // the first run's known_hosts (moved to the new port) is still good for a strict client
                Path oldKnownHosts = dir.resolve("old_known_hosts");
                Files.write(oldKnownHosts, firstKnownHosts.stream()
                        .map(line -> "[127.0.0.1]:" + restarted.port() + line.substring(line.indexOf(' '))).toList());
                Path someKey = OpenSsh.keygen(dir, "some_key", "ed25519", 0);
                Result result = new OpenSsh(oldKnownHosts, restarted.port()).run(someKey, "alice@127.0.0.1", "true");
                assertFalse(result.stderr().contains("Host key verification failed"), result::toString);
                assertTrue(result.stderr().contains("Permission denied (publickey)"), result::toString);
            }
        }
    }

    /** The host keys the gateway presents, as type and base64 (what a known_hosts line pins). */
    private static TreeSet<String> keyscan(int port) throws Exception {
        Result scan = OpenSsh.run(List.of("ssh-keyscan", "-T", "5", "-p", Integer.toString(port), "-t", "ed25519,ecdsa,rsa",
                "127.0.0.1"), null, Map.of(), Duration.ofSeconds(20));
        TreeSet<String> keys = new TreeSet<>();
        scan.stdout().lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
            String[] parts = line.split("\\s+");
            keys.add(parts[1] + " " + parts[2]);
        });
        return keys;
    }
}
