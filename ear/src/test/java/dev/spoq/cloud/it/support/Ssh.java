package dev.spoq.cloud.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The OpenSSH client (/usr/bin/ssh, ssh-keyscan) against a computer's sshd, published on 127.0.0.1:port. */
public final class Ssh {

    public static final String HOST = "127.0.0.1";

    private Ssh() {
    }

    /** {@code ssh -i key … -p port user@127.0.0.1 command}: key only, no agent, no prompts, 5 s connect timeout. */
    public static Docker.Result run(SshIdentity identity, String user, int port, String command) {
        List<String> args = new ArrayList<>(List.of("/usr/bin/ssh", "-i", identity.privateKeyFile().toString(),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "ConnectTimeout=5", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "LogLevel=ERROR",
                "-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no",
                "-p", Integer.toString(port), user + "@" + HOST, command));
        return Docker.exec(args, 30);
    }

    /** Waits until {@code command} run as {@code user} succeeds; returns its output. */
    public static String awaitLogin(SshIdentity identity, String user, int port, String command, Duration timeout) {
        return Poll.until(timeout, "able to log in as " + user + " on port " + port,
                () -> run(identity, user, port, command), Docker.Result::ok).output().strip();
    }

    /** Waits until logging in as {@code user} with this key fails; returns the last (failed) attempt. */
    public static Docker.Result awaitRefused(SshIdentity identity, String user, int port, Duration timeout) {
        return Poll.until(timeout, "refusing " + user + " on port " + port,
                () -> run(identity, user, port, "true"), result -> !result.ok());
    }

    /** Asserts that {@code id -un} and {@code hostname} print what they should. */
    public static void assertLoggedInAs(SshIdentity identity, String user, int port, String hostname) {
        Docker.Result result = run(identity, user, port, "id -un; hostname");
        assertEquals(0, result.exitCode(), () -> "ssh as " + user + " failed: " + result.output());
        assertEquals(user + "\n" + hostname, result.output().strip(), "id -un / hostname");
    }

    /** The host keys the sshd on this port offers (ssh-keyscan), as "type base64" lines; empty when it does not answer. */
    public static Set<String> hostKeys(int port) {
        Docker.Result result = Docker.exec(List.of("/usr/bin/ssh-keyscan", "-T", "5", "-p", Integer.toString(port), HOST), 30);
        Set<String> keys = new TreeSet<>();
        result.output().lines().filter(line -> !line.startsWith("#")).map(line -> line.split("\\s+"))
                .filter(words -> words.length >= 3).forEach(words -> keys.add(words[1] + " " + words[2]));
        return keys;
    }
}
