package dev.spoq.cloud.oauth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The sign-in providers people may use instead of a password; the wire name is in addresses, settings and the database. */
public enum Provider {

    /** OpenID Connect: the ID token says who (sub) and whether Google verified the email (email_verified). */
    GOOGLE("google", "Google"),
    /** OAuth 2 with GitHub's API: /user says who (id), /user/emails which address is primary and verified. */
    GITHUB("github", "GitHub");

    private final String wireName;
    private final String displayName;

    Provider(String wireName, String displayName) {
        this.wireName = wireName;
        this.displayName = displayName;
    }

    public String wireName() {
        return wireName;
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<Provider> ofWireName(String name) {
        String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wireName.equals(wanted)).findFirst();
    }
}
