package dev.spoq.cloud.it.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** An ed25519 key pair made by ssh-keygen whose private half stays on disk, to log in with /usr/bin/ssh. */
final class DeviceKey implements AutoCloseable {

    private final Path dir;
    private final Path privateKey;
    private final String publicLine;

    private DeviceKey(Path dir, Path privateKey, String publicLine) {
        this.dir = dir;
        this.privateKey = privateKey;
        this.publicLine = publicLine;
    }

    static DeviceKey generate() {
        try {
            Path dir = Files.createTempDirectory("spoq-it-resilience-key");
            Path key = dir.resolve("id_ed25519");
            Shell.Result made = Shell.run(Duration.ofSeconds(30), "/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                    "-C", "it-resilience@spoq-test", "-f", key.toString());
            assertTrue(made.ok(), () -> "ssh-keygen failed: " + made);
            return new DeviceKey(dir, key, Files.readString(dir.resolve("id_ed25519.pub")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String publicLine() {
        return publicLine;
    }

    /** {@code ssh -p port user@127.0.0.1 id -un} with this key only, no prompts, any host key. */
    Shell.Result login(String user, int port) {
        return Shell.run(Duration.ofSeconds(20), "/usr/bin/ssh", "-F", "/dev/null", "-i", privateKey.toString(),
                "-p", Integer.toString(port), "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=5", "-o", "ConnectionAttempts=1",
                user + "@127.0.0.1", "id", "-un");
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }
}
