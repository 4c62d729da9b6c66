package dev.spoq.cloud.it.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.Inbox;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.ProblemAssert;
import dev.spoq.cloud.it.support.StripeEvents;
import dev.spoq.cloud.it.support.StripeStandIn;
import dev.spoq.cloud.it.support.TestAccount;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stripe's webhooks as they really arrive: twice, out of order, stale, forged, replayed, changed on the way. Each
 * account here has no computer (the lifecycle on a real computer is BillingLifecycleIT's): what counts is the
 * account's billing state, which must always end as Stripe's current subscription says, and a delivery that fails
 * its signature must change nothing.
 */
class BillingWebhooksIT {

    private static final ApiClient api = new ApiClient();

    @BeforeAll
    static void standIns() {
        StripeStandIn.ensureStarted();
        Inbox.ensureStarted();
    }

    private static Billed subscribed() {
        Billed billed = new Billed(api, TestAccount.register(api));
        billed.pay();
        billed.awaitStatus("active");
        return billed;
    }

    @Test
    void theSameEventDeliveredTwiceIsHandledOnce() throws InterruptedException {
        Billed billed = subscribed();
        String customer = billed.customer();
        String payload = StripeEvents.event("customer.subscription.updated", StripeStandIn.snapshot(billed.subscriptionId));
        String id = StripeEvents.idOf(payload);
        int readsBefore = StripeStandIn.subscriptionReads(customer);

        JsonNode first = billed.webhooks.deliver(payload).expect(200);
        billed.awaitHandled(id);
        JsonNode second = billed.webhooks.deliver(payload).expect(200);
        Thread.sleep(3_000); // a second handling would have asked Stripe by now

        assertFalse(first.path("duplicate").asBoolean(), first::toString);
        assertTrue(second.path("duplicate").asBoolean(), () -> "a redelivery is acknowledged and ignored: " + second);
        assertEquals(readsBefore + 1, StripeStandIn.subscriptionReads(customer), "Stripe was asked once for the event");
        assertEquals(1, billed.handledEventIds().stream().filter(id::equals).count(), "recorded once");
        assertEquals("active", billed.status());
    }

    @Test
    void anUpdateBeforeItsCreationEndsAsStripesCurrentSubscription() {
        Billed billed = new Billed(api, TestAccount.register(api));
        billed.startCheckout();
        ObjectNode subscription = StripeStandIn.completeCheckout(billed.session);
        billed.subscriptionId = subscription.path("id").asText();
        String created = StripeEvents.event("customer.subscription.created", StripeStandIn.snapshot(billed.subscriptionId));
        // the user then set the subscription to end with its period: that update arrives first
        StripeStandIn.setCancelAtPeriodEnd(billed.subscriptionId, true);
        String updated = StripeEvents.event("customer.subscription.updated", StripeStandIn.snapshot(billed.subscriptionId));

        billed.awaitHandled(billed.deliverOk(updated));
        billed.awaitHandled(billed.deliverOk(created));
        billed.awaitHandled(billed.deliverOk(StripeEvents.checkoutCompleted(billed.session)));

        JsonNode state = billed.billing();
        assertEquals("active", state.path("status").asText(), state::toString);
        assertEquals("monthly", state.path("plan").asText(), state::toString);
        assertTrue(state.path("cancel_at_period_end").asBoolean(), () -> "as Stripe has it now: " + state);
        assertEquals(billed.periodEnd(), Instant.parse(state.path("current_period_end").asText()));
    }

    @Test
    void anOldUpdateAfterANewerOneChangesNothing() throws InterruptedException {
        Billed billed = subscribed();
        ObjectNode old = StripeStandIn.snapshot(billed.subscriptionId);
        old.put("status", "past_due"); // how it was once, before a newer update made it active again
        String stale = StripeEvents.event("customer.subscription.updated", old);
        String newer = StripeEvents.event("customer.subscription.updated", StripeStandIn.snapshot(billed.subscriptionId));

        billed.awaitHandled(billed.deliverOk(newer));
        billed.awaitHandled(billed.deliverOk(stale));
        billed.awaitHandled(billed.deliverOk(StripeEvents.invoice("invoice.payment_failed", old)));

        assertEquals("active", billed.status(), "Stripe's subscription is active, whatever the old events say");
        Thread.sleep(1_000);
        assertEquals(List.of(), Inbox.to(billed.account.email(), "payment failed"), "no payment-failed email");
        assertTrue(billed.audit().stream().noneMatch(row -> row.contains("past_due")), () -> "never past due: " + billed.audit());
    }

    @Test
    void aBadSignatureAReplayOrAChangedBodyIsRefusedAndChangesNothing() throws InterruptedException {
        Billed billed = subscribed();
        String customer = billed.customer();
        // were any of these deliveries accepted, the account would be suspended: Stripe now says canceled
        StripeStandIn.setStatus(billed.subscriptionId, "canceled");
        String payload = StripeEvents.event("customer.subscription.deleted", StripeStandIn.snapshot(billed.subscriptionId));
        long now = Instant.now().getEpochSecond();
        int readsBefore = StripeStandIn.subscriptionReads(customer);

        List<ApiResponse> refused = List.of(
                billed.webhooks.deliver(payload, StripeEvents.signature(payload, now, "whsec_someone_else")),
                billed.webhooks.deliver(payload, StripeEvents.signature(payload, now - Duration.ofMinutes(5).toSeconds() - 30,
                        StripeEvents.secret())),
                billed.webhooks.deliver(payload.replace("\"livemode\":false", "\"livemode\":true"),
                        StripeEvents.signature(payload, now, StripeEvents.secret())),
                billed.webhooks.deliver(payload, null),
                billed.webhooks.deliver(payload, "t=" + now + ",v1=" + "0".repeat(64)));

        for (ApiResponse response : refused) {
            ProblemAssert.assertProblem(response, 400).hasField("stripe_signature");
        }
        Thread.sleep(3_000);
        assertEquals("active", billed.status(), "nothing changed");
        assertEquals(readsBefore, StripeStandIn.subscriptionReads(customer), "Stripe was not even asked");
        assertFalse(billed.operatorView().path("stripe_events").toString().contains(StripeEvents.idOf(payload)), "nothing recorded");

        // the genuine delivery of the same event is taken
        billed.deliverOk(payload);
        billed.awaitStatus("suspended");
    }

    @Test
    void aTrialThatEndsWithoutASubscriptionIsSuspendedAndItsDataDeletedAfterTheRetentionWithEmailsBefore() {
        Billed billed = new Billed(api, TestAccount.register(api));
        String email = billed.account.email();
        assertEquals("trial", billed.status());

        // support moves the trial's end: one day left, then none
        moveTrialEnd(billed, Instant.now().plus(Duration.ofDays(1)));
        await("the trial-ending email").atMost(Duration.ofSeconds(15)).until(() -> Inbox.to(email, "trial ends in 2 days").size() == 1);
        assertTrue(Inbox.to(email, "trial ends in 2 days").get(0).text().contains("/dashboard"));
        assertEquals("trial", billed.status());

        moveTrialEnd(billed, Instant.now().minusSeconds(1));
        JsonNode suspended = billed.awaitStatus("suspended");
        assertEquals("trial", suspended.path("plan").asText(), suspended::toString);
        await("the suspended email").atMost(Duration.ofSeconds(15)).until(() -> Inbox.to(email, "suspended").size() == 1);
        assertTrue(billed.audit().stream().anyMatch(row -> row.startsWith("billing.status.changed: trial -> suspended")),
                () -> "the audit log: " + billed.audit());
        assertEquals("suspended", billed.operatorView().path("account").path("billing").path("status").asText());

        // the retention: an email a week before the deletion, one a day before, then the data goes
        billed.suspendedFor(Duration.ofDays(23).plusHours(1));
        await("the week-before email").atMost(Duration.ofSeconds(15)).until(() -> Inbox.to(email, "will be deleted").size() == 1);
        billed.suspendedFor(Duration.ofDays(29).plusHours(1));
        await("the day-before email").atMost(Duration.ofSeconds(15)).until(() -> Inbox.to(email, "will be deleted").size() == 2);
        billed.suspendedFor(Duration.ofDays(30).plusMinutes(1));
        await("the deletion").atMost(Duration.ofSeconds(15))
                .until(() -> billed.audit().stream().anyMatch(row -> row.startsWith("billing.data.deleted")));
        assertTrue(billed.billing().path("deletion_at").isNull(), "deleted: no deletion ahead any more");
        assertEquals(2, Inbox.to(email, "will be deleted").size(), "two emails before, none after");

        // subscribing afterwards makes it active again
        billed.pay();
        billed.awaitStatus("active");
    }

    @Test
    void aCheckoutNamesAPlan() {
        TestAccount account = TestAccount.register(api);
        Billed billed = new Billed(api, account);
        ProblemAssert.assertProblem(billed.checkout("weekly"), 400).hasField("plan");
        ProblemAssert.assertProblem(api.post("/api/billing/checkout", account.token(), Json.object()), 400).hasField("plan");
        ProblemAssert.assertProblem(api.post("/api/billing/checkout", null, Json.object("plan", "monthly")), 401);
        billed.pay();
        billed.awaitStatus("active");
        ProblemAssert.assertProblem(billed.checkout("yearly"), 409).hasField("plan");
        String portal = api.post("/api/billing/portal", account.token(), Json.object()).expect(200).path("url").asText();
        assertTrue(portal.startsWith(StripeStandIn.baseUrl() + "/p/session/bps_"), portal);
    }

    private static void moveTrialEnd(Billed billed, Instant end) {
        api.send("PUT", "/internal/billing/accounts/" + billed.account.userId() + "/trial-end",
                java.util.Map.of("Authorization", "Bearer " + OpsClient.internalToken(), "Content-Type", ApiClient.JSON),
                Json.write(Json.object("trial_ends_at", end.toString()))).expect(200);
    }
}
