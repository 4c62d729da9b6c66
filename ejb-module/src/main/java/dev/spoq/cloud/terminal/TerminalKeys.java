package dev.spoq.cloud.terminal;

import org.apache.sshd.common.config.keys.PublicKeyEntry;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * Makes the one-terminal key pairs. ECDSA P-256 because the JDK makes and signs with it on its own (no provider to
 * register inside the application server), and the gateway and every sshd accept it.
 */
final class TerminalKeys {
    private TerminalKeys() {
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform makes P-256 keys", e);
        }
    }

    /** The public half as an authorized_keys line ("ecdsa-sha2-nistp256 AAAA..."), the form the gateway sends. */
    static String publicLine(KeyPair pair) {
        return PublicKeyEntry.toString(pair.getPublic());
    }
}
