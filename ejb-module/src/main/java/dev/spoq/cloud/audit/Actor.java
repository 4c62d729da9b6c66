package dev.spoq.cloud.audit;

import java.util.UUID;

/**
 * Who did something: an operator (the internal API's token), a JMX user, the platform itself (schedules, queue
 * consumers, Stripe's webhooks), or the user whose account it is.
 *
 * @param kind one of {@code operator}, {@code jmx}, {@code system}, {@code user} (the database checks the list)
 * @param id   the token's fingerprint, the JMX user's name, the job's name, or the user's id; null when unknown
 */
public record Actor(String kind, String id) {

    public static final String OPERATOR = "operator";
    public static final String JMX = "jmx";
    public static final String SYSTEM = "system";
    public static final String USER = "user";

    /** The user an event is about: what a request on the site or the user API does is that user's own doing. */
    static final Actor THE_ACCOUNT = new Actor(USER, null);

    public static Actor operator(String tokenFingerprint) {
        return new Actor(OPERATOR, tokenFingerprint);
    }

    public static Actor jmx(String userName) {
        return new Actor(JMX, userName);
    }

    public static Actor system(String what) {
        return new Actor(SYSTEM, what);
    }

    public static Actor user(UUID userId) {
        return new Actor(USER, userId == null ? null : userId.toString());
    }

    /** This actor as recorded for an event about {@code userId}. */
    Actor resolvedFor(UUID userId) {
        return this == THE_ACCOUNT ? user(userId) : this;
    }
}
