package dev.spoq.cloud.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The real OpenSSH client tools, run as a user would, each bounded in time. */
public final class OpenSsh {
    private final Path knownHosts;
    private final int port;

    /** @param knownHosts the only known_hosts file the client trusts (StrictHostKeyChecking=yes) */
    public OpenSsh(Path knownHosts, int port) {
        this.knownHosts = knownHosts;
        this.port = port;
    }

    /** Generates a key pair with ssh-keygen; returns the private key file (the public one is beside it). */
    public static Path keygen(Path dir, String name, String type, int bits) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", key.toString()));
        if (bits > 0) {
            command.add("-b");
            command.add(Integer.toString(bits));
        }
        Result result = run(command, null, Map.of(), Duration.ofSeconds(30));
        if (result.exitCode() != 0) {
            throw new IOException("ssh-keygen failed: " + result);
        }
        return key;
    }

    public static String publicKeyLine(Path privateKey) throws IOException {
        return Files.readString(privateKey.resolveSibling(privateKey.getFileName() + ".pub")).strip();
    }

    /** The options every test shares: this key only, no agent, no config file, the pinned known_hosts. */
    public List<String> ssh(Path identity, String... more) {
        List<String> command = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-p", Integer.toString(port),
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout=5", "-o", "ServerAliveInterval=5"));
        if (identity != null) {
            command.add("-i");
            command.add(identity.toString());
        }
        command.addAll(List.of(more));
        return command;
    }

    public Result run(Path identity, String destination, String remoteCommand) throws IOException, InterruptedException {
        return run(ssh(identity, destination, remoteCommand), null, Map.of(), Duration.ofSeconds(30));
    }

    public static Result run(List<String> command, String stdin, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("SSH_AUTH_SOCK");
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException closedEarly) {
            // the process may have exited before reading its input
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            return new Result(-1, out.join(), err.join() + "\n[timed out after " + timeout + "]");
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "[read failed: " + e + "]";
            }
        });
    }

    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
