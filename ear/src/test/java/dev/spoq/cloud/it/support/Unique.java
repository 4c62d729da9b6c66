package dev.spoq.cloud.it.support;

import java.security.SecureRandom;
import java.util.UUID;

/** Names that no other test (nor an earlier run against the same database) uses. */
public final class Unique {

    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Unique() {
    }

    public static String email() {
        return "it-" + UUID.randomUUID() + "@example.com";
    }

    /** Long, mixed and random: never a common password. */
    public static String password() {
        return "Spoq-It-" + alnum(16) + "!";
    }

    /** "t" + 10 random [a-z0-9]: a valid, unreserved DNS label. */
    public static String subdomain() {
        return subdomain("t");
    }

    /** A suite's own prefix + 10 random [a-z0-9], so that a suite only ever touches its own services. */
    public static String subdomain(String prefix) {
        return prefix + alnum(10);
    }

    public static String username() {
        return "u" + alnum(10);
    }

    public static String sshIdCode() {
        return "it-" + alnum(20);
    }

    public static String alnum(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(LOWER_ALNUM.charAt(RANDOM.nextInt(LOWER_ALNUM.length())));
        }
        return text.toString();
    }

    public static String letters(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return text.toString();
    }
}
