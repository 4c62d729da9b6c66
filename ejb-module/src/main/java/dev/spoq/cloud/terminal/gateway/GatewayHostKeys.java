package dev.spoq.cloud.terminal.gateway;

import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Accepts only the host keys the gateway wrote beside its private ones ({@code ssh_host_*_key.pub}). Read at each
 * connection, not once: the gateway may start after the control plane, and its keys never change after its first start.
 */
final class GatewayHostKeys implements ServerKeyVerifier {
    private static final Logger LOG = Logger.getLogger(GatewayHostKeys.class.getName());

    private final Path dir;

    GatewayHostKeys(Path dir) {
        this.dir = dir;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        for (PublicKey known : known()) {
            if (KeyUtils.compareKeys(known, serverKey)) {
                return true;
            }
        }
        LOG.warning("The SSH gateway at " + remoteAddress + " presented host key " + KeyUtils.getFingerPrint(serverKey)
                + ", which is none of those in " + dir + ": web terminal refused");
        return false;
    }

    private List<PublicKey> known() {
        List<PublicKey> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "ssh_host_*_key.pub")) {
            for (Path file : files) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        keys.add(PublicKeyEntry.parsePublicKeyEntry(line.strip()).resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING));
                    }
                }
            }
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            LOG.warning("Cannot read the SSH gateway's host keys in " + dir + ": " + e);
        }
        return keys;
    }
}
