package dev.spoq.cloud.gateway.hostkeys;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The gateway's host keys: ed25519, ECDSA P-256 and RSA 3072, the files OpenSSH would name them, in the
 * data directory. Generated at the first start and never again, so users' known_hosts entries stay valid
 * across restarts; replicas share the directory (or a copy of it) and so present the same keys.
 */
public final class HostKeys {
    private static final Logger LOG = Logger.getLogger(HostKeys.class.getName());
    private static final String COMMENT = "spoq-gateway-host";

    private final List<KeyPair> keys;

    private HostKeys(List<KeyPair> keys) {
        this.keys = List.copyOf(keys);
    }

    public static HostKeys loadOrCreate(Path dataDir) throws IOException, GeneralSecurityException {
        List<KeyPair> keys = new ArrayList<>();
        keys.add(KeyFiles.loadOrCreate(dataDir.resolve("ssh_host_ed25519_key"), KeyPairProvider.SSH_ED25519, 256, COMMENT));
        keys.add(KeyFiles.loadOrCreate(dataDir.resolve("ssh_host_ecdsa_key"), KeyPairProvider.ECDSA_SHA2_NISTP256, 256, COMMENT));
        keys.add(KeyFiles.loadOrCreate(dataDir.resolve("ssh_host_rsa_key"), KeyPairProvider.SSH_RSA, 3072, COMMENT));
        // the public halves beside them, as OpenSSH names them: the control plane's web terminal connects to the
        // gateway like any SSH client and pins these (spoq.web-terminal.gateway-host-keys-dir)
        String[] names = {"ssh_host_ed25519_key", "ssh_host_ecdsa_key", "ssh_host_rsa_key"};
        for (int i = 0; i < names.length; i++) {
            KeyFiles.writePublicKey(dataDir.resolve(names[i] + ".pub"), keys.get(i), COMMENT);
        }
        for (KeyPair key : keys) {
            LOG.info("Host key " + KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key.getPublic()));
        }
        return new HostKeys(keys);
    }

    public KeyPairProvider provider() {
        return KeyPairProvider.wrap(keys);
    }

    public List<KeyPair> keys() {
        return keys;
    }
}
