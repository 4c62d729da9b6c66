package dev.spoq.cloud.sshkey;

import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.digest.DigestUtils;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * One OpenSSH public key that passed {@link PublicKeyParser}'s checks.
 *
 * @param keyType     the key type name, e.g. {@code ssh-ed25519}
 * @param base64      the key blob in canonical (padded) base64, as OpenSSH writes it
 * @param comment     free text after the key, or null; never contains control characters
 * @param fingerprint {@code SHA256:<unpadded base64>}, the same text {@code ssh-keygen -lf} prints
 * @param bits        key size as {@code ssh-keygen -lf} reports it (256 for ed25519, modulus size for RSA)
 */
public record SshPublicKey(String keyType, String base64, String comment, String fingerprint, int bits) {

    static {
        SshdSecurity.ensureConfigured();
    }

    public SshPublicKey {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(base64, "base64");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** Builds the key from its decoded blob so that base64 and fingerprint can never disagree. */
    public static SshPublicKey fromBlob(String keyType, byte[] blob, String comment, int bits) {
        return new SshPublicKey(keyType, Base64.getEncoder().encodeToString(blob), comment, fingerprintOf(blob), bits);
    }

    /** The line to put into {@code ~/.ssh/authorized_keys}: never carries options, so it grants plain login only. */
    public String authorizedKeysLine() {
        return comment == null ? keyType + " " + base64 : keyType + " " + base64 + " " + comment;
    }

    public byte[] blob() {
        return Base64.getDecoder().decode(base64);
    }

    /**
     * The fingerprint of a "type base64" line, without checking the key: for looking up a key that was
     * checked when it was stored (the gateway's route look-up, on every login), not for accepting one.
     */
    public static Optional<String> fingerprintOfLine(String line) {
        String[] fields = line == null ? new String[0] : line.strip().split("\\s+");
        if (fields.length < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(fingerprintOf(Base64.getDecoder().decode(fields[1])));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** sshd-common's fingerprint of a key blob: the text {@code ssh-keygen -l -E sha256} prints. */
    static String fingerprintOf(byte[] blob) {
        try {
            return DigestUtils.getFingerPrint(BuiltinDigests.sha256, blob);
        } catch (Exception e) {
            // every Java platform must ship SHA-256
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        // the blob says nothing to a human reading logs; the fingerprint identifies the key
        return "SshPublicKey[" + keyType + " " + fingerprint + (comment == null ? "" : " " + comment) + "]";
    }
}
