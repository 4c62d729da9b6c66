package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.hostkeys.KeyFiles;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void replicasStartingTogetherEndUpWithOneKey() throws Exception {
        Path file = dir.resolve("ssh_host_ed25519_key");
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Future<KeyPair>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<KeyPair> start = () -> KeyFiles.loadOrCreate(file, KeyPairProvider.SSH_ED25519, 256, "test");
                results.add(replicas.submit(start));
            }
            KeyPair first = results.get(0).get();
            for (Future<KeyPair> result : results) {
                assertTrue(KeyUtils.compareKeys(first.getPublic(), result.get().getPublic()), "every replica got the same key");
            }
            assertTrue(KeyUtils.compareKeys(first.getPublic(), KeyFiles.load(file).getPublic()));
        } finally {
            replicas.shutdownNow();
        }
    }
}
