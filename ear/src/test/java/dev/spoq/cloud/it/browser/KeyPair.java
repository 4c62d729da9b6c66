package dev.spoq.cloud.it.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A device's key pair made by /usr/bin/ssh-keygen, private half kept on disk (mode 600) so that the test can
 * log in with it exactly as a user would; {@link #close()} deletes it.
 */
final class KeyPair implements AutoCloseable {

    final Path dir;
    final Path privateKey;
    final String publicLine;
    final String fingerprint;

    private KeyPair(Path dir, Path privateKey, String publicLine, String fingerprint) {
        this.dir = dir;
        this.privateKey = privateKey;
        this.publicLine = publicLine;
        this.fingerprint = fingerprint;
    }

    static KeyPair ed25519(String comment) {
        try {
            Path dir = Files.createTempDirectory("spoq-it-device");
            Path key = dir.resolve("id_ed25519");
            run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString());
            String line = Files.readString(dir.resolve("id_ed25519.pub")).trim();
            String fingerprint = run("/usr/bin/ssh-keygen", "-lf", dir.resolve("id_ed25519.pub").toString()).trim().split("\\s+")[1];
            return new KeyPair(dir, key, line, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }
}
