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

    /**
     * Names a profile can never take: every user and group of the user image (system-names.txt, which
     * user-image/build.sh extracts from the built image), and the system accounts that packages people
     * commonly install with sudo apt would create later (a profile "postgres" would break the package).
     */
    static final Set<String> SYSTEM_NAMES = union(ImageSystemNames.load(), Set.of(
            "messagebus", "syslog", "uuidd", "tcpdump", "tss", "landscape", "pollinate", "usbmux", "dnsmasq",
            "avahi", "polkitd", "rtkit", "colord", "geoclue", "pulse", "lxd", "postgres", "mysql", "redis",
            "docker", "admin", "wheel", "ubuntu", "debian", "conductor", "halt", "shutdown", "ftp", "git",
            "guest", "user", "test", "systemd-journal", "systemd-network", "systemd-resolve", "systemd-timesync",
            "ntp", "chrony", "_chrony", "postfix", "bind", "nginx", "mongodb", "rabbitmq", "elasticsearch"));

    private LinuxUsername() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
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
            throw SpoqProblem.invalid("username", "'" + raw + "' is a system account name on your computer (a user or "
                    + "group such as root, shadow or _ssh); choose another.");
        }
        return raw;
    }
}
