package dev.spoq.cloud.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * An SSH_ASKPASS script that answers every prompt of the OpenSSH client with one text (a pairing code) and
 * records the prompts: with {@code SSH_ASKPASS_REQUIRE=force} OpenSSH 9 asks it instead of a terminal, also for
 * keyboard-interactive. Pass {@link #env()} and {@code -o BatchMode=no} (before the default options).
 */
public record SshAskpass(Path script, Path promptLog) {

    public static SshAskpass answering(String answer) {
        try {
            Path dir = Files.createTempDirectory("spoq-askpass");
            dir.toFile().deleteOnExit();
            Path prompts = dir.resolve("prompts");
            Path script = dir.resolve("askpass.sh");
            Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + prompts + "'\nprintf '%s\\n' '"
                    + answer.replace("'", "") + "'\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            script.toFile().deleteOnExit();
            prompts.toFile().deleteOnExit();
            return new SshAskpass(script, prompts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment that makes ssh ask this script. */
    public Map<String, String> env() {
        return Map.of("SSH_ASKPASS", script.toString(), "SSH_ASKPASS_REQUIRE", "force", "DISPLAY", ":0");
    }

    /** ssh options that allow prompts (BatchMode off) and ask at most once per connection. */
    public static List<String> promptOnce() {
        return List.of("-o", "BatchMode=no", "-o", "NumberOfPasswordPrompts=1");
    }

    public boolean wasAsked() {
        return Files.exists(promptLog);
    }

    /** The prompts ssh showed, one a line. */
    public List<String> prompts() {
        try {
            return wasAsked() ? Files.readAllLines(promptLog) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
