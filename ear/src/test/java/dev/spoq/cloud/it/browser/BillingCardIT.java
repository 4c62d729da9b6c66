package dev.spoq.cloud.it.browser;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.Inbox;
import dev.spoq.cloud.it.support.StripeEvents;
import dev.spoq.cloud.it.support.StripeStandIn;
import dev.spoq.cloud.it.support.Subscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's billing card, in a real browser at desktop and phone size: a trial's card offers the plans; its
 * button leads to (the stand-in's) Stripe Checkout; after Stripe's webhooks the card reads "Monthly · renews on
 * <date>"; a failed payment shows the banner whose "Update your card" opens the Customer Portal. Screenshots of
 * each under target/screenshots/.
 */
@ExtendWith(ComputerCleanup.class)
class BillingCardIT {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Test
    void theBillingCardLeadsToCheckoutAndShowsThePlanAndItsRenewal() {
        ApiClient api = new ApiClient();
        StripeStandIn.ensureStarted();
        Inbox.ensureStarted();
        Subscriber subscriber = Subscriber.claim(api, "bc");
        StripeEvents webhooks = new StripeEvents(api);

        try (Browser desktop = Browser.open(Browser.DESKTOP, "desktop-billing");
             Browser phone = Browser.open(Browser.PHONE, "phone-billing")) {
            Pages pages = new Pages(desktop);
            pages.logIn(subscriber.account().email(), subscriber.account().password());
            desktop.awaitPath("/dashboard");
            assertTrue(desktop.text("#billing-summary").startsWith("Free trial · ends on "), desktop.text("#billing-summary"));
            look(desktop, "01-trial");

            desktop.click("#billing\\:subscribe-monthly");
            desktop.await(Duration.ofSeconds(20), "the Checkout page",
                    d -> d.getCurrentUrl().startsWith(StripeStandIn.baseUrl() + "/c/pay/cs_test_"));
            assertEquals("Stand-in Stripe Checkout", desktop.text("#stand-in-title"));
            ObjectNode session = StripeStandIn.sessionOfUrl(desktop.driver.getCurrentUrl());
            assertEquals(subscriber.userId(), session.path("client_reference_id").asText());
            assertEquals("price_it_monthly", session.path("x_price").asText());
            desktop.screenshot("02-checkout");

            // paid: Stripe sends the browser back and its webhooks arrive
            ObjectNode subscription = StripeStandIn.completeCheckout(session);
            String subscriptionId = subscription.path("id").asText();
            webhooks.deliver(StripeEvents.checkoutCompleted(session)).expect(200);
            webhooks.deliver(StripeEvents.event("customer.subscription.created", StripeStandIn.snapshot(subscriptionId))).expect(200);
            String renews = DAY.format(Instant.ofEpochSecond(subscription.path("items").path("data").path(0).path("current_period_end").asLong()));
            awaitSummary(desktop, "/dashboard?checkout=done", "Monthly · renews on " + renews);
            assertTrue(desktop.present("#billing\\:portal"), "a paying subscriber manages billing in the portal");
            look(desktop, "03-monthly");

            new Pages(phone).logIn(subscriber.account().email(), subscriber.account().password());
            phone.awaitPath("/dashboard");
            assertEquals("Monthly · renews on " + renews, phone.text("#billing-summary"));
            phone.scrollTo(phone.find("#billing-card"));
            look(phone, "01-monthly");

            // a failed renewal: the banner, and its button opens the Customer Portal
            StripeStandIn.setStatus(subscriptionId, "past_due");
            webhooks.deliver(StripeEvents.invoice("invoice.payment_failed", StripeStandIn.snapshot(subscriptionId))).expect(200);
            awaitSummary(desktop, "/dashboard", "Monthly · payment failed");
            assertTrue(desktop.text("#billing-banner").contains("Your last payment failed."), desktop.text("#billing-banner"));
            look(desktop, "04-past-due-banner");
            phone.go("/dashboard");
            assertTrue(phone.text("#billing-banner").contains("Your last payment failed."), phone.text("#billing-banner"));
            look(phone, "02-past-due-banner");
            desktop.click("#banner\\:update-card");
            desktop.await(Duration.ofSeconds(20), "the Customer Portal",
                    d -> d.getCurrentUrl().startsWith(StripeStandIn.baseUrl() + "/p/session/bps_"));
            assertEquals("Stand-in Stripe Customer Portal", desktop.text("#stand-in-title"));
            desktop.screenshot("05-portal");

            StripeStandIn.setStatus(subscriptionId, "active");
            webhooks.deliver(StripeEvents.invoice("invoice.paid", StripeStandIn.snapshot(subscriptionId))).expect(200);
            awaitSummary(desktop, "/dashboard", "Monthly · renews on " + renews);
            assertTrue(desktop.all("#billing-banner").isEmpty(), "the banner is gone once paid");
        }
    }

    /** Reloads the dashboard until the card's summary reads the words (webhooks are handled within seconds). */
    private static void awaitSummary(Browser browser, String path, String words) {
        await("the billing card reads '" + words + "'").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> {
                    browser.go(path);
                    return browser.text("#billing-summary");
                }, words::equals);
    }

    private static void look(Browser browser, String shot) {
        browser.assertNoHorizontalScroll(shot);
        browser.assertControlsReachable(shot);
        browser.assertAllAssetsFromTheApplication(shot);
        browser.screenshot(shot);
    }
}
