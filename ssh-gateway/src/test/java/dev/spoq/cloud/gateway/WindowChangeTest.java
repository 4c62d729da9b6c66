package dev.spoq.cloud.gateway;

import dev.spoq.cloud.gateway.hostkeys.KeyFiles;
import dev.spoq.cloud.gateway.support.RunningGateway;
import dev.spoq.cloud.gateway.support.StandInContainer;
import dev.spoq.cloud.gateway.support.StandInControlPlane;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Terminal size changes reach the container. OpenSSH sends window-change only from a real terminal, so
 * here MINA's client plays the user, through the same gateway and stand-ins as the OpenSSH tests.
 */
class WindowChangeTest {
    @TempDir
    Path dir;

    @Test
    void ptySizeAndWindowChangesArePassedOn() throws Exception {
        KeyPair user = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        try (StandInControlPlane controlPlane = new StandInControlPlane();
             RunningGateway gateway = RunningGateway.start(dir.resolve("gw"), controlPlane.url(), Map.of());
             StandInContainer container = new StandInContainer(
                     KeyFiles.load(gateway.dataDir().resolve("upstream_ed25519")).getPublic(), Set.of("alice"),
                     Files.createDirectories(dir.resolve("files")))) {
            controlPlane.putReady("alice", PublicKeyEntry.toString(user.getPublic()), "alice", container);
            List<KeyPair> gatewayHostKeys = List.of(KeyFiles.load(gateway.dataDir().resolve("ssh_host_ed25519_key")),
                    KeyFiles.load(gateway.dataDir().resolve("ssh_host_ecdsa_key")),
                    KeyFiles.load(gateway.dataDir().resolve("ssh_host_rsa_key")));

            SshClient client = SshClient.setUpDefaultClient();
            client.setServerKeyVerifier((session, address, key) -> gatewayHostKeys.stream()
                    .anyMatch(pair -> KeyUtils.compareKeys(key, pair.getPublic())));
            client.start();
            try (ClientSession session = client.connect("alice", "127.0.0.1", gateway.port()).verify(Duration.ofSeconds(5)).getSession()) {
                session.addPublicKeyIdentity(user);
                session.auth().verify(Duration.ofSeconds(10));
                try (ChannelShell shell = session.createShellChannel()) {
                    shell.setUsePty(true);
                    shell.setPtyType("xterm-256color");
                    shell.setPtyColumns(100);
                    shell.setPtyLines(30);
                    shell.open().verify(Duration.ofSeconds(10));
                    waitFor(container, List.of("start 100x30"));
                    shell.sendWindowChange(132, 43);
                    waitFor(container, List.of("start 100x30", "change 132x43"));
                }
            } finally {
                client.stop();
            }
        }
    }

    private static void waitFor(StandInContainer container, List<String> expected) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertEquals(expected, container.terminalSizes()));
    }
}
