package dev.spoq.cloud.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real key pair made by /usr/bin/ssh-keygen (ed25519, no passphrase) in a throw-away directory, for logging
 * in with /usr/bin/ssh: {@link #key()} is what the API takes, {@link #privateKeyFile()} what ssh -i takes.
 */
public record SshIdentity(Path privateKeyFile, SshKey key) {

    public static SshIdentity generate() {
        try {
            Path dir = Files.createTempDirectory("spoq-it-ssh");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("id_ed25519");
            String comment = "it-" + Unique.alnum(8) + "@spoq-test";
            Docker.Result made = Docker.exec(List.of("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment,
                    "-f", file.toString()), 30);
            if (!made.ok()) {
                throw new IllegalStateException("ssh-keygen failed: " + made.output());
            }
            file.toFile().deleteOnExit();
            dir.resolve("id_ed25519.pub").toFile().deleteOnExit();
            String line = Files.readString(dir.resolve("id_ed25519.pub")).strip();
            String[] words = line.split(" ", 3);
            return new SshIdentity(file, new SshKey(words[0], line, TestKeys.fingerprintBySshKeygen(line), words[2]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String publicLine() {
        return key.line();
    }
}
