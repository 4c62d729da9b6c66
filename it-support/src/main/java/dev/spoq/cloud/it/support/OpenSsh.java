package dev.spoq.cloud.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OpenSSH client tools (ssh, scp, sftp, ssh-keyscan) as a user runs them against one SSH endpoint on
 * 127.0.0.1: the gateway, or a computer's own sshd. One key ({@code -i}, no agent, no ~/.ssh/config), never a
 * prompt. The host key is either pinned in a known_hosts file ({@code StrictHostKeyChecking=yes}, as a user's
 * ssh after the first connection), or, for a computer's sshd whose keys the test did not learn first, any.
 *
 * @param port       the endpoint's port on 127.0.0.1
 * @param knownHosts the only host keys trusted; null: any host key is taken
 */
public record OpenSsh(int port, Path knownHosts) {

    public static final String HOST = "127.0.0.1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KEYSCAN_TIMEOUT = Duration.ofSeconds(40);

    /** Trusts only the host keys in this known_hosts file. */
    public static OpenSsh pinned(int port, Path knownHosts) {
        return new OpenSsh(port, knownHosts);
    }

    /** Trusts the host keys the endpoint shows now (ssh-keyscan), kept in a new known_hosts file in {@code dir}. */
    public static OpenSsh pinnedToWhatAnswers(int port, Path dir) {
        try {
            Path file = Files.createTempFile(dir, "known_hosts_", "");
            Files.writeString(file, keyscan(port));
            return new OpenSsh(port, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes whatever host key the endpoint shows (no "Permanently added" warning either). */
    public static OpenSsh anyHostKey(int port) {
        return new OpenSsh(port, null);
    }

    /** The options every tool gets: this key only (none: no -i), the host key policy, never a prompt. */
    public List<String> options(SshIdentity identity) {
        List<String> options = new ArrayList<>(List.of("-F", "/dev/null"));
        if (identity != null) {
            options.addAll(List.of("-i", identity.privateKeyFile().toString()));
        }
        options.addAll(List.of("-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes"));
        if (knownHosts != null) {
            options.addAll(List.of("-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts));
        } else {
            options.addAll(List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"));
        }
        options.addAll(List.of("-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10"));
        return options;
    }

    /** {@code ssh -p port user@127.0.0.1 command}. */
    public Proc.Result ssh(SshIdentity identity, String user, String command) {
        return ssh(identity, user, List.of(), command, Proc.Input.NONE, Map.of(), DEFAULT_TIMEOUT);
    }

    public Proc.Result ssh(SshIdentity identity, String user, List<String> extraOptions, String command, Proc.Input input,
            Map<String, String> env, Duration timeout) {
        return Proc.run(sshCommand(identity, user, extraOptions, command), input, env, timeout);
    }

    /**
     * A device's first login through the gateway: the pairing-code prompt (keyboard-interactive) is answered with
     * {@code code} by an askpass script, once per connection.
     */
    public Proc.Result sshWithPairingCode(SshIdentity identity, String user, String code, String command, Duration timeout) {
        return ssh(identity, user, SshAskpass.promptOnce(), command, Proc.Input.NONE, SshAskpass.answering(code).env(), timeout);
    }

    /**
     * The ssh command line; a null command opens a shell (or nothing, with -N). The extra options come before the
     * defaults, so that they can override them.
     */
    public List<String> sshCommand(SshIdentity identity, String user, List<String> extraOptions, String command) {
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
    public Process sshInBackground(SshIdentity identity, String user, List<String> extraOptions, Path output) {
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
    public Proc.Result scp(SshIdentity identity, List<String> extra, String source, String target) {
        List<String> args = new ArrayList<>();
        args.add("/usr/bin/scp");
        args.addAll(options(identity));
        args.addAll(extra);
        args.addAll(List.of("-P", Integer.toString(port), source, target));
        return Proc.run(args, Proc.Input.NONE, Map.of(), Duration.ofSeconds(120));
    }

    /** {@code sftp -P port -b batchfile user@127.0.0.1}. */
    public Proc.Result sftp(SshIdentity identity, String user, Path batch) {
        List<String> args = new ArrayList<>();
        args.add("/usr/bin/sftp");
        args.addAll(options(identity));
        args.addAll(List.of("-P", Integer.toString(port), "-b", batch.toString(), user + "@" + HOST));
        return Proc.run(args, Proc.Input.NONE, Map.of(), DEFAULT_TIMEOUT);
    }

    /** "user@127.0.0.1:path", for scp. */
    public static String remote(String user, String path) {
        return user + "@" + HOST + ":" + path;
    }

    /** Waits until {@code command} run as {@code user} succeeds (keys reach a computer asynchronously); returns its output. */
    public String awaitLogin(SshIdentity identity, String user, String command, Duration timeout) {
        return await("able to log in as " + user + " on port " + port).atMost(timeout).ignoreExceptions()
                .until(() -> ssh(identity, user, command), Proc.Result::ok).output().strip();
    }

    /** Waits until logging in as {@code user} with this key fails; returns the last (failed) attempt. */
    public Proc.Result awaitRefused(SshIdentity identity, String user, Duration timeout) {
        return await("refusing " + user + " on port " + port).atMost(timeout).ignoreExceptions()
                .until(() -> ssh(identity, user, "true"), result -> !result.ok());
    }

    /** Asserts that {@code id -un} and {@code hostname} print what they should. */
    public void assertLoggedInAs(SshIdentity identity, String user, String hostname) {
        Proc.Result result = ssh(identity, user, "id -un; hostname");
        assertEquals(0, result.exitCode(), () -> "ssh as " + user + " failed: " + result);
        assertEquals(user + "\n" + hostname, result.output().strip(), "id -un / hostname");
    }

    /** The known_hosts lines ("[127.0.0.1]:port type base64") of the ed25519, ecdsa and rsa host keys; fails when there are none. */
    public static String keyscan(int port) {
        Proc.Result scan = Proc.run(List.of("/usr/bin/ssh-keyscan", "-T", "10", "-t", "ed25519,ecdsa,rsa",
                "-p", Integer.toString(port), HOST), KEYSCAN_TIMEOUT);
        String lines = scan.stdout().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).reduce("", (a, b) -> a + b + "\n");
        if (lines.isBlank()) {
            fail("ssh-keyscan got no host key on port " + port + ": " + scan);
        }
        return lines;
    }

    /** The host keys the endpoint offers, as "type base64". */
    public static Set<String> hostKeys(int port) {
        Set<String> keys = new TreeSet<>();
        keyscan(port).lines().map(line -> line.split("\\s+")).filter(words -> words.length >= 3)
                .forEach(words -> keys.add(words[1] + " " + words[2]));
        return keys;
    }
}
