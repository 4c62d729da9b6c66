package dev.spoq.cloud.account;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

import java.util.Locale;

/**
 * Where a subscriber's subscription stands. The wire name (lower case, as in the schema's CHECK on
 * {@code users.subscription_status} and in the API's JSON) is the only spelling outside Java.
 */
@JsonbTypeAdapter(SubscriptionStatus.Json.class)
public enum SubscriptionStatus {
    TRIAL, ACTIVE, PAST_DUE, CANCELED, SUSPENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriptionStatus ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Whether the subscriber may use their computer: a failed payment still may, for now. */
    public boolean allowsUse() {
        return this != CANCELED && this != SUSPENDED;
    }

    /** JSON-B writes enums by their Java name; the API speaks the wire name. */
    public static final class Json implements JsonbAdapter<SubscriptionStatus, String> {
        @Override
        public String adaptToJson(SubscriptionStatus status) {
            return status.wireName();
        }

        @Override
        public SubscriptionStatus adaptFromJson(String name) {
            return ofWireName(name);
        }
    }
}
