package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Stripe's webhook deliveries, as Stripe makes them: an event around an object, signed with the endpoint's secret
 * ({@code spoq.it.stripe.webhook-secret}) in the {@code Stripe-Signature} header as {@code t=<unix>,v1=<hex
 * HMAC-SHA256 of "t.payload">}, posted to {@code /webhooks/stripe}. Events carry an API version other than
 * stripe-java's, as they do for an endpoint pinned to an older version.
 */
public final class StripeEvents {

    public static final String PATH = "/webhooks/stripe";
    /** Not the version stripe-java pins: the platform must not depend on the event's own shape. */
    public static final String EVENT_API_VERSION = "2024-06-20";

    private final ApiClient api;

    public StripeEvents(ApiClient api) {
        this.api = api;
    }

    public static String secret() {
        return System.getProperty("spoq.it.stripe.webhook-secret", "whsec_it_only_not_for_production");
    }

    /** A new event (fresh id) of this type around this object, as JSON text. */
    public static String event(String type, JsonNode object) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("id", "evt_" + Unique.alnum(24)).put("object", "event").put("api_version", EVENT_API_VERSION)
                .put("created", Instant.now().getEpochSecond());
        event.putObject("data").set("object", object);
        event.put("livemode", false).put("pending_webhooks", 1);
        event.putObject("request").putNull("id").putNull("idempotency_key");
        event.put("type", type);
        return Json.write(event);
    }

    /** checkout.session.completed for a session the stand-in completed. */
    public static String checkoutCompleted(ObjectNode session) {
        ObjectNode object = session.deepCopy();
        object.remove("x_price");
        return event("checkout.session.completed", object);
    }

    /** An invoice event (invoice.paid, invoice.payment_failed) for the subscription's customer. */
    public static String invoice(String type, JsonNode subscription) {
        ObjectNode invoice = Json.MAPPER.createObjectNode();
        boolean paid = "invoice.paid".equals(type);
        invoice.put("id", "in_" + Unique.alnum(14)).put("object", "invoice").put("amount_due", 1500)
                .put("amount_paid", paid ? 1500 : 0).put("amount_remaining", paid ? 0 : 1500).put("attempt_count", 1)
                .put("attempted", true).put("billing_reason", "subscription_cycle").put("collection_method", "charge_automatically")
                .put("created", Instant.now().getEpochSecond()).put("currency", "usd")
                .put("customer", subscription.path("customer").asText()).put("livemode", false)
                .put("paid", paid).put("status", paid ? "paid" : "open")
                // where API version 2024-06-20 puts it (newer ones moved it under parent.subscription_details)
                .put("subscription", subscription.path("id").asText());
        invoice.putObject("metadata");
        return event(type, invoice);
    }

    public static String signature(String payload, long unixSeconds, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers the payload signed now with the endpoint's secret. */
    public ApiResponse deliver(String payload) {
        return deliver(payload, signature(payload, Instant.now().getEpochSecond(), secret()));
    }

    /** Delivers the payload with exactly this Stripe-Signature header (null: none). */
    public ApiResponse deliver(String payload, String signatureHeader) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        if (signatureHeader != null) {
            headers.put("Stripe-Signature", signatureHeader);
        }
        return api.send("POST", PATH, headers, payload);
    }

    /** The id of an event made by {@link #event}. */
    public static String idOf(String payload) {
        return Json.parseOrNull(payload).path("id").asText();
    }
}
