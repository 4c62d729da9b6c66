package dev.spoq.cloud.it.support;

/**
 * A public key as one authorized_keys line, with the fingerprint {@code ssh-keygen -lf} prints for it.
 *
 * @param type        the key type word, e.g. ssh-ed25519
 * @param line        "type base64 comment"
 * @param fingerprint "SHA256:…" as printed by ssh-keygen
 * @param comment     the comment word(s) of the line
 */
public record SshKey(String type, String line, String fingerprint, String comment) {
}
