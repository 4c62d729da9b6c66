package dev.spoq.cloud.gateway.login;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

/**
 * What the gateway's SSH transport speaks: signature algorithms for user authentication and host keys,
 * strongest first, no ssh-dss and no SHA-1 ssh-rsa, and a floor for RSA moduli (as OpenSSH's
 * RequiredRSASize), held even if the control plane were wrong. Which keys may be devices at all is the
 * control plane's rule ({@code sshkey.KeyTypes}): it routes only keys it accepted, so any other has no route.
 */
public final class Signatures {

    static final int REQUIRED_RSA_BITS = 2048;

    private Signatures() {
    }

    public static boolean strongEnough(PublicKey key) {
        return !(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() >= REQUIRED_RSA_BITS;
    }

    public static List<NamedFactory<Signature>> accepted() {
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
