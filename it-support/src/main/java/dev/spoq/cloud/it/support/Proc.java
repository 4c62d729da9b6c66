package dev.spoq.cloud.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a local program (ssh, scp, ssh-keygen, the docker CLI, Liberty's server script…) with stdout and stderr
 * kept apart, an optional stdin, and a hard time bound: a program that hangs is killed and reported as
 * {@code timedOut}, never waited for forever. Output goes through temp files, not pipes: a program that leaves a
 * daemon behind (start-docker.sh, {@code server start}) keeps a pipe open, a file it cannot block. No program
 * gets the caller's ssh agent, so only the key given with {@code -i} is ever offered.
 */
public final class Proc {

    /** What a program did: exit status (-1 when it was killed after the time bound), stdout, stderr, wall time. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr, long millis, boolean timedOut) {

        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** stdout, then stderr: what a terminal would have shown. */
        public String output() {
            return stdout + stderr;
        }

        /** Fails the test unless the program exited 0 in time; returns this result. */
        public Result assertOk() {
            assertTrue(ok(), this::toString);
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\n  → exit " + exitCode + (timedOut ? " (TIMED OUT)" : "") + " after " + millis
                    + " ms\n  stdout: " + clip(stdout) + "\n  stderr: " + clip(stderr);
        }

        private static String clip(String text) {
            String shown = text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
            return shown.strip().replace("\n", "\n          ");
        }
    }

    /** What to feed the program: nothing (stdin at its end at once) or these bytes. */
    public record Input(byte[] bytes, boolean keepOpen) {

        public static final Input NONE = new Input(null, false);

        public static Input text(String text) {
            return new Input(text.getBytes(StandardCharsets.UTF_8), false);
        }

        /** Writes the text and leaves stdin open until the program ends (a terminal user who does not hang up first). */
        public static Input typed(String text) {
            return new Input(text.getBytes(StandardCharsets.UTF_8), true);
        }
    }

    private Proc() {
    }

    public static Result run(Duration timeout, String... command) {
        return run(List.of(command), Input.NONE, Map.of(), timeout);
    }

    public static Result run(List<String> command, Duration timeout) {
        return run(command, Input.NONE, Map.of(), timeout);
    }

    public static Result run(List<String> command, Input input, Map<String, String> env, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("spoq-proc", ".out");
            err = Files.createTempFile("spoq-proc", ".err");
            return runInto(command, input, env, timeout, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static Result runInto(List<String> command, Input input, Map<String, String> env, Duration timeout, Path out, Path err)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("SSH_AUTH_SOCK");
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        Thread feeder = new Thread(() -> feed(process, input), "proc-stdin");
        feeder.setDaemon(true);
        feeder.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new Result(command, finished ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), millis, !finished);
    }

    private static void feed(Process process, Input input) {
        OutputStream stdin = process.getOutputStream();
        try {
            if (input.bytes() != null) {
                stdin.write(input.bytes());
                stdin.flush();
            }
            if (input.keepOpen()) {
                process.waitFor();
            }
        } catch (IOException ignored) {
            // the program went away before reading everything: its result says why
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
