package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.oauth.Provider;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The dashboard's "Delete my account" for an account without a password, kept in its session until the browser
 * reaches {@code /oauth/{provider}/leave}: a link from another site finds none, so it cannot send anyone to delete.
 */
record LeaveRequest(Provider provider, Instant at) implements Serializable {

    static final String ATTRIBUTE = "spoq.oauth.leave";
    private static final Duration GOOD_FOR = Duration.ofMinutes(2);

    boolean isFor(Provider wanted, Instant now) {
        return provider == wanted && !at.plus(GOOD_FOR).isBefore(now);
    }
}
