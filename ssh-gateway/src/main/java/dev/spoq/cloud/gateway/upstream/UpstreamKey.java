package dev.spoq.cloud.gateway.upstream;

import dev.spoq.cloud.gateway.hostkeys.KeyFiles;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.logging.Logger;

/**
 * The gateway's own ed25519 key for logging in to containers. The control plane puts its public half in
 * every profile's authorized_keys, so the gateway never needs (or sees) a user's private key. The public
 * half is written where the control plane reads it ({@code spoq.gateway.upstream-public-key-file}).
 */
public final class UpstreamKey {
    private static final Logger LOG = Logger.getLogger(UpstreamKey.class.getName());
    private static final String COMMENT = "spoq-gateway-upstream";

    private UpstreamKey() {
    }

    public static KeyPair loadOrCreate(Path dataDir, Path publicKeyFile) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyFiles.loadOrCreate(dataDir.resolve("upstream_ed25519"), KeyPairProvider.SSH_ED25519, 256, COMMENT);
        KeyFiles.writePublicKey(publicKeyFile, pair, COMMENT);
        LOG.info("Upstream key " + KeyUtils.getFingerPrint(pair.getPublic()) + ", public half in " + publicKeyFile);
        return pair;
    }
}
