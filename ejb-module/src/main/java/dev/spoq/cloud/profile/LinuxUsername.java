package dev.spoq.cloud.profile;

import dev.spoq.cloud.problem.SpoqProblem;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A profile name must be a login Linux accepts and not one the system already uses. The one owner of
 * that rule: the API's description, the wizard and the gateway use {@link #PATTERN}; the database's
 * CHECK on profiles.username repeats it as its own guard, and LinuxUsernameTest holds the two equal.
 */
public final class LinuxUsername {

    /** The shape of a Linux login (as useradd's default NAME_REGEX, at most 32 characters). */
    public static final String PATTERN = "^[a-z_][a-z0-9_-]{0,31}$";

    private static final Pattern SHAPE = Pattern.compile(PATTERN);

    static final Set<String> SYSTEM_NAMES = Set.of(
            "root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy",
            "www-data", "backup", "list", "irc", "gnats", "nobody", "nogroup", "sshd", "messagebus", "_apt",
            "syslog", "uuidd", "tcpdump", "tss", "landscape", "pollinate", "usbmux", "dnsmasq", "avahi",
            "polkitd", "rtkit", "colord", "geoclue", "pulse", "lxd", "postgres", "mysql", "redis", "docker",
            "admin", "adm", "sudo", "wheel", "staff", "users", "operator", "ubuntu", "debian", "spoq",
            "conductor", "halt", "shutdown", "ftp", "git", "guest", "user", "test");

    private LinuxUsername() {
    }

    /** Whether {@link #require} would take this name. */
    public static boolean isAcceptable(String raw) {
        try {
            require(raw);
            return true;
        } catch (SpoqProblem refused) {
            return false;
        }
    }

    /** @return the name unchanged if it is acceptable; otherwise throws a 400 problem on field {@code username} */
    public static String require(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw SpoqProblem.invalid("username", "Choose a username.");
        }
        if (raw.length() > 32) {
            throw SpoqProblem.invalid("username", "Use at most 32 characters.");
        }
        if (!SHAPE.matcher(raw).matches()) {
            throw SpoqProblem.invalid("username",
                    "Start with a lowercase letter or _, then use lowercase letters, digits, _ or -.");
        }
        if (SYSTEM_NAMES.contains(raw) || raw.startsWith("systemd-")) {
            throw SpoqProblem.invalid("username", "'" + raw + "' is a system account name; choose another.");
        }
        return raw;
    }
}
