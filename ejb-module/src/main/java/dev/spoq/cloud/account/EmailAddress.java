package dev.spoq.cloud.account;

import dev.spoq.cloud.problem.SpoqProblem;

import java.util.regex.Pattern;

/** An email address as accounts use it: trimmed, lower-cased, plausibly deliverable. */
public final class EmailAddress {

    private static final Pattern SHAPE = Pattern.compile(
            "^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\\.[a-z]{2,63}$");

    private EmailAddress() {
    }

    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw SpoqProblem.invalid("email", "Enter your email address.");
        }
        String email = raw.trim().toLowerCase(java.util.Locale.ROOT);
        if (email.length() > 254 || !SHAPE.matcher(email).matches() || email.contains("..")) {
            throw SpoqProblem.invalid("email", "'" + abbreviate(raw.trim()) + "' is not an email address we can use (like alice@example.com).");
        }
        return email;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
