package dev.spoq.cloud.it.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.StripeEvents;
import dev.spoq.cloud.it.support.StripeStandIn;
import dev.spoq.cloud.it.support.TestAccount;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One account's billing as the billing tests drive it: the user's API (GET /api/billing, checkout), Stripe's side
 * (the stand-in: paying, failing, canceling) and Stripe's webhooks (signed deliveries), and the operator's view.
 */
final class Billed {

    static final String MONTHLY_PRICE = "price_it_monthly";
    /** Events are handled on the queue within seconds. */
    static final Duration HANDLED = Duration.ofSeconds(20);

    final ApiClient api;
    final TestAccount account;
    final StripeEvents webhooks;
    ObjectNode session;
    String subscriptionId;

    Billed(ApiClient api, TestAccount account) {
        this.api = api;
        this.account = account;
        this.webhooks = new StripeEvents(api);
        StripeStandIn.ensureStarted();
    }

    /** GET /api/billing; asserts 200. */
    JsonNode billing() {
        return api.get("/api/billing", account.token()).expect(200);
    }

    String status() {
        return billing().path("status").asText();
    }

    ApiResponse checkout(String plan) {
        return api.post("/api/billing/checkout", account.token(), Json.object("plan", plan));
    }

    /** Checkout (monthly) and the stand-in's Checkout Session behind the answered url. */
    ObjectNode startCheckout() {
        String url = checkout("monthly").expect(200).path("url").asText();
        assertTrue(url.startsWith(StripeStandIn.baseUrl() + "/c/pay/cs_test_"), url);
        session = StripeStandIn.sessionOfUrl(url);
        return session;
    }

    String customer() {
        return StripeStandIn.customerOfUser(account.userId());
    }

    /** The user pays on Checkout; Stripe sends checkout.session.completed and customer.subscription.created. */
    void pay() {
        if (session == null) {
            startCheckout();
        }
        ObjectNode subscription = StripeStandIn.completeCheckout(session);
        subscriptionId = subscription.path("id").asText();
        deliverOk(StripeEvents.checkoutCompleted(session));
        deliverOk(StripeEvents.event("customer.subscription.created", StripeStandIn.snapshot(subscriptionId)));
        session = null;
    }

    /** Delivers a signed event; asserts 200 and returns the event's id. */
    String deliverOk(String payload) {
        JsonNode answer = webhooks.deliver(payload).expect(200);
        assertTrue(answer.path("received").asBoolean(), answer::toString);
        return StripeEvents.idOf(payload);
    }

    /** Waits until GET /api/billing's status is this one. */
    JsonNode awaitStatus(String status) {
        return awaitBilling("status " + status, b -> status.equals(b.path("status").asText()));
    }

    JsonNode awaitBilling(String what, Predicate<JsonNode> until) {
        return await(what + " of " + account.email()).atMost(HANDLED).pollInterval(Duration.ofMillis(250))
                .until(this::billing, until::test);
    }

    /** The renewal date Stripe has for the subscription. */
    Instant periodEnd() {
        return Instant.ofEpochSecond(StripeStandIn.snapshot(subscriptionId).path("items").path("data").path(0)
                .path("current_period_end").asLong());
    }

    /** The operator's view: GET /internal/billing/accounts/{user}: {account, audit, stripe_events}. */
    JsonNode operatorView() {
        return api.get("/internal/billing/accounts/" + account.userId(), OpsClient.internalToken()).expect(200);
    }

    List<String> handledEventIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode event : operatorView().path("stripe_events")) {
            if (!event.path("handled_at").isNull() && !event.path("handled_at").isMissingNode()) {
                ids.add(event.path("id").asText());
            }
        }
        return ids;
    }

    /** Waits until the event was handled (its record carries handled_at). */
    void awaitHandled(String eventId) {
        await("event " + eventId + " handled").atMost(HANDLED).pollInterval(Duration.ofMillis(250))
                .until(() -> handledEventIds().contains(eventId));
    }

    /** The actions and details of the account's billing audit rows. */
    List<String> audit() {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : operatorView().path("audit")) {
            rows.add(row.path("action").asText() + ": " + row.path("detail").asText());
        }
        return rows;
    }

    /**
     * Time passes: the account has been suspended since this long ago. Written straight into the IT database
     * (nothing in the platform moves a suspension's date), so that the retention's emails and deletion come now.
     */
    void suspendedFor(Duration ago) {
        String url = "jdbc:postgresql://127.0.0.1:" + System.getProperty("spoq.it.db.port", "15433") + "/postgres";
        try (Connection db = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement update = db.prepareStatement(
                     "UPDATE billing_accounts SET suspended_at = now() - (? * interval '1 second') WHERE user_id = CAST(? AS uuid)")) {
            update.setLong(1, ago.toSeconds());
            update.setString(2, account.userId());
            assertEquals(1, update.executeUpdate(), "the account's billing row");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the IT database at " + url, e);
        }
    }

    /** The checkout the stand-in saw: for this customer, this price, and the user's id as client_reference_id. */
    void assertCheckoutAsked(String customer) {
        List<StripeStandIn.Request> asked = StripeStandIn.requests("POST", "/v1/checkout/sessions",
                Map.of("customer", customer, "client_reference_id", account.userId(), "mode", "subscription",
                        "line_items[0][price]", MONTHLY_PRICE, "line_items[0][quantity]", "1"));
        assertEquals(1, asked.size(), () -> "checkout requests: " + StripeStandIn.requests());
        assertTrue(asked.get(0).params().get("success_url").endsWith("/dashboard?checkout=done"), asked.get(0)::toString);
        assertTrue(asked.get(0).authorization().startsWith("Bearer sk_test_"), "the secret key authenticates the call");
    }
}
