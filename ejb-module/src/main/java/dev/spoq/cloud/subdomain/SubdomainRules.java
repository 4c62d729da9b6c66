package dev.spoq.cloud.subdomain;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Whether a name can be someone's address: a DNS label that is not kept for the platform itself. */
public final class SubdomainRules {

    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{1,61})[a-z0-9]$");

    static final Set<String> RESERVED = Set.of(
            "www", "api", "admin", "mail", "ssh", "app", "apps", "status", "docs", "doc", "blog", "help",
            "support", "billing", "dashboard", "root", "ns1", "ns2", "ns3", "dns", "smtp", "imap", "pop",
            "pop3", "ftp", "sftp", "static", "assets", "cdn", "cloud", "spoq", "auth", "login", "logout",
            "signup", "register", "account", "accounts", "internal", "metrics", "health", "grafana",
            "prometheus", "alertmanager", "git", "gateway", "vpn", "test", "staging", "dev", "prod",
            "webmail", "mx", "postmaster", "abuse", "security", "hostmaster", "webmaster", "localhost",
            "console", "portal", "setup", "about", "pricing", "terms", "privacy", "legal", "news");

    private SubdomainRules() {
    }

    /** Lower-cases and trims, as DNS compares names without case. */
    public static String normalize(String raw) {
        return raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    }

    /** Null when the name is allowed, otherwise the verdict with a human reason. */
    public static SubdomainVerdict judge(String name) {
        if (name.isEmpty()) {
            return SubdomainVerdict.invalid("Choose an address.");
        }
        if (name.length() < 3) {
            return SubdomainVerdict.invalid("Use at least 3 characters.");
        }
        if (name.length() > 63) {
            return SubdomainVerdict.invalid("Use at most 63 characters.");
        }
        if (!name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return SubdomainVerdict.invalid("Use only letters a–z, digits and hyphens.");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            return SubdomainVerdict.invalid("An address cannot start or end with a hyphen.");
        }
        if (name.length() >= 4 && name.startsWith("--", 2)) {
            return SubdomainVerdict.invalid("Hyphens in the 3rd and 4th place are kept for internationalised names.");
        }
        if (!LABEL.matcher(name).matches()) {
            return SubdomainVerdict.invalid("This is not a valid DNS name.");
        }
        if (RESERVED.contains(name)) {
            return SubdomainVerdict.reserved("'" + name + "' is kept for Spoq Cloud itself.");
        }
        return null;
    }
}
