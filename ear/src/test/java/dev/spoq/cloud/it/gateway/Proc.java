package dev.spoq.cloud.it.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a local program (the OpenSSH client tools) with stdout and stderr kept apart, an optional stdin, and a
 * hard time bound: a client that hangs is killed and reported as {@code timedOut}, never waited for forever.
 */
final class Proc {

    /** What a program did: exit status (-1 when it was killed after the time bound), stdout, stderr, wall time. */
    record Result(List<String> command, int exitCode, String stdout, String stderr, long millis, boolean timedOut) {
        boolean ok() {
            return exitCode == 0 && !timedOut;
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

    /** What to feed the program: nothing (stdin closed at once), these bytes, or a file. */
    record Input(byte[] bytes, Path file, boolean keepOpen) {
        static final Input NONE = new Input(null, null, false);

        static Input text(String text) {
            return new Input(text.getBytes(StandardCharsets.UTF_8), null, false);
        }

        /** Writes the text and leaves stdin open until the program ends (a terminal user who does not hang up first). */
        static Input typed(String text) {
            return new Input(text.getBytes(StandardCharsets.UTF_8), null, true);
        }

        static Input file(Path file) {
            return new Input(null, file, false);
        }
    }

    private Proc() {
    }

    static Result run(List<String> command, Duration timeout) {
        return run(command, Input.NONE, Map.of(), timeout);
    }

    static Result run(List<String> command, Input input, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("SSH_AUTH_SOCK"); // no agent: only the key given with -i
        builder.environment().putAll(env);
        if (input.file() != null) {
            builder.redirectInput(input.file().toFile());
        }
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        Thread feeder = null;
        if (input.file() == null) {
            Process p = process;
            feeder = new Thread(() -> feed(p, input), "proc-stdin");
            feeder.setDaemon(true);
            feeder.start();
        }
        Collector out = new Collector(process.getInputStream());
        Collector err = new Collector(process.getErrorStream());
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            out.join(5000);
            err.join(5000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new Result(command, finished ? process.exitValue() : -1, out.text(), err.text(), millis, !finished);
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

    /** Reads a stream to its end on its own thread (so that a chatty stderr never blocks stdout). */
    private static final class Collector extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Collector(InputStream in) {
            super("proc-output");
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            try {
                in.transferTo(bytes);
            } catch (IOException ignored) {
                // the process was killed
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
