package dev.spoq.cloud.it.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with a time limit. Output goes through a temp file, not a pipe: a command that
 * leaves a daemon behind (start-docker.sh, Liberty's {@code server start}) cannot block the read.
 */
final class Shell {

    record Result(List<String> command, int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            String shown = output.length() > 2000 ? output.substring(0, 2000) + "…" : output;
            return String.join(" ", command) + " → exit " + exitCode + (shown.isBlank() ? "" : ": " + shown.strip());
        }
    }

    private Shell() {
    }

    /** Runs the command; exit code -1 when it did not finish in time (it is then killed). */
    static Result run(Duration timeout, String... command) {
        return withInput(timeout, null, command);
    }

    /** As {@link #run(Duration, String...)}, with this text on stdin (null: none). */
    static Result withInput(Duration timeout, String stdin, String... command) {
        Path out = null;
        try {
            out = Files.createTempFile("spoq-it-shell", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process process = builder.start();
            if (stdin != null) {
                try (var in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            return new Result(List.of(command), finished ? process.exitValue() : -1,
                    finished ? output : output + "\n(timed out after " + timeout.toSeconds() + " s)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
