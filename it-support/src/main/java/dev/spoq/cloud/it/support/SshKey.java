package dev.spoq.cloud.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A public key as one authorized_keys line, with the fingerprint {@code ssh-keygen -lf} prints for it.
 *
 * @param type        the key type word, e.g. ssh-ed25519
 * @param line        "type base64 comment"
 * @param fingerprint "SHA256:…" as printed by ssh-keygen
 * @param comment     the comment word(s) of the line
 */
public record SshKey(String type, String line, String fingerprint, String comment) {

    /** The key of this authorized_keys line, fingerprinted by ssh-keygen (the tests' reference, not the platform's). */
    public static SshKey of(String line) {
        String[] words = line.strip().split(" ", 3);
        return new SshKey(words[0], line.strip(), fingerprintBySshKeygen(line), words.length > 2 ? words[2] : "");
    }

    private static String fingerprintBySshKeygen(String line) {
        Path file = null;
        try {
            file = Files.createTempFile("spoq-key", ".pub");
            Files.writeString(file, line.strip() + "\n");
            return Proc.run(Duration.ofSeconds(30), SshIdentity.SSH_KEYGEN, "-lf", file.toString()).assertOk()
                    .stdout().strip().split("\\s+")[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }
}
