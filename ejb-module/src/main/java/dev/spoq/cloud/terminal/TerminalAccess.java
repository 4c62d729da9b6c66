package dev.spoq.cloud.terminal;

import dev.spoq.cloud.sshroute.SshRoute;

import java.util.UUID;

/**
 * What the terminal page shows for one of the account's profiles: the terminal when the computer takes logins
 * ({@link SshRoute.Ready}), "Starting…" while it comes up, else the words an SSH login would read (a suspended
 * subscription names the page where it is renewed).
 */
public record TerminalAccess(UUID profileId, String login, String host, SshRoute route) {

    public boolean ready() {
        return route instanceof SshRoute.Ready;
    }

    public boolean starting() {
        return route instanceof SshRoute.Starting;
    }

    public boolean refused() {
        return !ready() && !starting();
    }

    public String message() {
        return route.message();
    }
}
