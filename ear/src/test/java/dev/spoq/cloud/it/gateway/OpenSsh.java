package dev.spoq.cloud.it.gateway;

import dev.spoq.cloud.it.support.SshIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OpenSSH client tools as a user runs them against one SSH endpoint on 127.0.0.1 (the gateway, or a
 * computer's own sshd for comparison): host key checked against a pinned known_hosts file
 * ({@code StrictHostKeyChecking=yes}), one key ({@code -i}, no agent, no ~/.ssh/config), no prompts.
 */
final class OpenSsh {

    static final String HOST = "127.0.0.1";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final Path knownHosts;

    OpenSsh(int port, Path knownHosts) {
        this.port = port;
        this.knownHosts = knownHosts;
    }

    /** A client for a computer's own sshd (published on this port), with its host keys pinned by ssh-keyscan. */
    static OpenSsh direct(int port, Path dir) {
        Proc.Result scan = Proc.run(List.of("/usr/bin/ssh-keyscan", "-T", "10", "-p", Integer.toString(port), HOST),
                Duration.ofSeconds(30));
        if (scan.stdout().isBlank()) {
            fail("no host key from the computer's sshd on " + port + ": " + scan);
        }
        try {
            Path file = Files.createTempFile(dir, "known_hosts_direct_", "");
            Files.writeString(file, scan.stdout());
            return new OpenSsh(port, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    Path knownHosts() {
        return knownHosts;
    }

    /** The options every tool gets: this key only, pinned host keys, never a prompt. */
    List<String> options(SshIdentity identity) {
        return new ArrayList<>(List.of("-F", "/dev/null",
                "-i", identity.privateKeyFile().toString(),
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "ConnectTimeout=10"));
    }

    /** {@code ssh -p port user@127.0.0.1 command}. */
    Proc.Result ssh(SshIdentity identity, String user, String command) {
        return ssh(identity, user, List.of(), command, Proc.Input.NONE, Map.of(), DEFAULT_TIMEOUT);
    }

    Proc.Result ssh(SshIdentity identity, String user, List<String> extraOptions, String command, Proc.Input input,
            Map<String, String> env, Duration timeout) {
        return Proc.run(sshCommand(identity, user, extraOptions, command), input, env, timeout);
    }

    /**
     * The ssh command line; a null command opens a shell (or nothing, with -N). The extra options come before the
     * defaults, so that they can override them.
     */
    List<String> sshCommand(SshIdentity identity, String user, List<String> extraOptions, String command) {
        List<String> args = new ArrayList<>();
        args.add("/usr/bin/ssh");
        args.addAll(extraOptions); // first: for OpenSSH the first value given for an option wins
        args.addAll(options(identity));
        args.addAll(List.of("-p", Integer.toString(port), user + "@" + HOST));
        if (command != null) {
            args.add(command);
        }
        return args;
    }

    /** ssh in the background (e.g. {@code -N -L ...}); the caller destroys it. Output goes to this file. */
    Process sshInBackground(SshIdentity identity, String user, List<String> extraOptions, Path output) {
        ProcessBuilder builder = new ProcessBuilder(sshCommand(identity, user, extraOptions, null))
                .redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().remove("SSH_AUTH_SOCK");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code scp -P port [extra] source target} (OpenSSH 9: the sftp protocol unless {@code -O}). */
    Proc.Result scp(SshIdentity identity, List<String> extra, String source, String target) {
        List<String> args = new ArrayList<>();
        args.add("/usr/bin/scp");
        args.addAll(options(identity));
        args.addAll(extra);
        args.addAll(List.of("-P", Integer.toString(port), source, target));
        return Proc.run(args, Proc.Input.NONE, Map.of(), Duration.ofSeconds(120));
    }

    /** {@code sftp -P port -b batchfile user@127.0.0.1}. */
    Proc.Result sftp(SshIdentity identity, String user, Path batch) {
        List<String> args = new ArrayList<>();
        args.add("/usr/bin/sftp");
        args.addAll(options(identity));
        args.addAll(List.of("-P", Integer.toString(port), "-b", batch.toString(), user + "@" + HOST));
        return Proc.run(args, Proc.Input.NONE, Map.of(), DEFAULT_TIMEOUT);
    }

    /** "user@127.0.0.1:path", for scp. */
    static String remote(String user, String path) {
        return user + "@" + HOST + ":" + path;
    }
}
