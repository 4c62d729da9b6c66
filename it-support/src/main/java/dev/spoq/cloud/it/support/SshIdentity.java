package dev.spoq.cloud.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real key pair made by /usr/bin/ssh-keygen (no passphrase), its private half on disk as a user's device keeps
 * it: {@link #publicLine()} (or {@link #key()}) is what the platform takes, {@link #privateKeyFile()} what
 * {@code ssh -i} takes. {@link #close()} deletes the files; whatever a test leaves is deleted when the JVM exits.
 */
public final class SshIdentity implements AutoCloseable {

    static final String SSH_KEYGEN = "/usr/bin/ssh-keygen";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path privateKeyFile;
    private final String publicLine;
    /** The throw-away directory this identity made for itself; null when it lives in the caller's directory. */
    private final Path ownDir;
    private SshKey key;

    private SshIdentity(Path privateKeyFile, String publicLine, Path ownDir) {
        this.privateKeyFile = privateKeyFile;
        this.publicLine = publicLine;
        this.ownDir = ownDir;
    }

    /** A fresh ed25519 key with a unique comment ("it-…@spoq-test"). */
    public static SshIdentity generate() {
        return generate("it-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36) + "@spoq-test");
    }

    /** A fresh ed25519 key with this comment. */
    public static SshIdentity generate(String comment) {
        return generate("ed25519", 0, comment);
    }

    /** A fresh key of this type ("ed25519", "ecdsa", "rsa"; bits 0: ssh-keygen's default) in its own temp directory. */
    public static SshIdentity generate(String type, int bits, String comment) {
        try {
            Path dir = Files.createTempDirectory("spoq-it-ssh");
            dir.toFile().deleteOnExit();
            return make(dir.resolve("id_" + type), type, bits, comment, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh key as the file {@code dir/name} (and {@code name.pub}), with the name as its comment. */
    public static SshIdentity generateIn(Path dir, String name, String type, int bits) {
        return make(dir.resolve(name), type, bits, name, null);
    }

    private static SshIdentity make(Path file, String type, int bits, String comment, Path ownDir) {
        List<String> command = new ArrayList<>(List.of(SSH_KEYGEN, "-q", "-t", type, "-N", "", "-C", comment, "-f", file.toString()));
        if (bits > 0) {
            command.addAll(List.of("-b", Integer.toString(bits)));
        }
        Proc.run(command, Duration.ofSeconds(60)).assertOk();
        Path publicFile = publicFile(file);
        file.toFile().deleteOnExit();
        publicFile.toFile().deleteOnExit();
        try {
            return new SshIdentity(file, Files.readString(publicFile).strip(), ownDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path privateKeyFile() {
        return privateKeyFile;
    }

    public Path publicKeyFile() {
        return publicFile(privateKeyFile);
    }

    /** "type base64 comment", as in id_*.pub. */
    public String publicLine() {
        return publicLine;
    }

    /** The public key with its ssh-keygen fingerprint (worked out on first use). */
    public synchronized SshKey key() {
        if (key == null) {
            key = SshKey.of(publicLine);
        }
        return key;
    }

    public String fingerprint() {
        return key().fingerprint();
    }

    /** Deletes the key files (and the directory this identity made for them, with whatever else landed there). */
    @Override
    public void close() {
        if (ownDir == null) {
            privateKeyFile.toFile().delete();
            publicKeyFile().toFile().delete();
            return;
        }
        try (Stream<Path> paths = Files.walk(ownDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }

    @Override
    public String toString() {
        return privateKeyFile + " (" + publicLine + ")";
    }

    private static Path publicFile(Path privateKeyFile) {
        return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
    }
}
