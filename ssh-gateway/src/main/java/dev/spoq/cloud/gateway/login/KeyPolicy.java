package dev.spoq.cloud.gateway.login;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.NamedFactory;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;

/**
 * Which user keys and signatures the gateway accepts at all, before asking anyone. The same rules as the
 * control plane's device keys: ed25519, ECDSA, RSA of at least 2048 bits with SHA-2 signatures, and the
 * two FIDO2 types. No DSA, no SHA-1 RSA signatures, no certificates. Login names are the control plane's
 * to judge: one that is no valid Linux login names no profile, so its route answer is "not found".
 */
public final class KeyPolicy {
    static final int MIN_RSA_BITS = 2048;

    private static final Set<String> KEY_TYPES = Set.of(
            KeyPairProvider.SSH_ED25519,
            KeyPairProvider.ECDSA_SHA2_NISTP256,
            KeyPairProvider.ECDSA_SHA2_NISTP384,
            KeyPairProvider.ECDSA_SHA2_NISTP521,
            KeyPairProvider.SSH_RSA,
            "sk-ecdsa-sha2-nistp256@openssh.com",
            "sk-ssh-ed25519@openssh.com");

    private KeyPolicy() {
    }

    public static boolean acceptsKey(PublicKey key) {
        if (key == null || !KEY_TYPES.contains(KeyUtils.getKeyType(key))) {
            return false;
        }
        return !(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() >= MIN_RSA_BITS;
    }

    /** Signature algorithms for user authentication and host keys, strongest first; no ssh-rsa (SHA-1). */
    public static List<NamedFactory<Signature>> signatures() {
        return List.of(
                BuiltinSignatures.ed25519,
                BuiltinSignatures.sk_ssh_ed25519,
                BuiltinSignatures.nistp256,
                BuiltinSignatures.nistp384,
                BuiltinSignatures.nistp521,
                BuiltinSignatures.sk_ecdsa_sha2_nistp256,
                BuiltinSignatures.rsaSHA512,
                BuiltinSignatures.rsaSHA256);
    }
}
