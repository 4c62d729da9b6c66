package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.SubscriptionStatus;
import dev.spoq.cloud.billing.BillingOverview;
import dev.spoq.cloud.billing.BillingService;
import dev.spoq.cloud.billing.Plan;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The dashboard's billing card and its banner: the plan in words, and the buttons that lead to Stripe (Checkout
 * to subscribe or renew, the Customer Portal to change plan or card). Read once per request, for the session's user.
 */
@Named
@RequestScoped
public class BillingCard {

    @Inject
    PageSession session;

    @Inject
    BillingService billing;

    private BillingOverview overview;

    private BillingOverview overview() {
        if (overview == null) {
            overview = billing.overview(session.userId());
        }
        return overview;
    }

    private SubscriptionStatus status() {
        return overview().status();
    }

    /** "Free trial · ends on 9 Dec 2026", "Monthly · renews on 2 Jan 2027", "Monthly · payment failed", "Suspended". */
    public String getSummary() {
        BillingOverview o = overview();
        String plan = Plan.ofWireName(o.plan()).map(Plan::words).orElse("Free trial");
        return switch (o.status()) {
            case TRIAL -> "Free trial · ends on " + Rows.day(o.trialEndsAt());
            case ACTIVE -> o.currentPeriodEnd() == null ? plan
                    : plan + (o.cancelAtPeriodEnd() ? " · ends on " : " · renews on ") + Rows.day(o.currentPeriodEnd());
            case PAST_DUE -> plan + " · payment failed";
            case CANCELED, SUSPENDED -> "Suspended";
        };
    }

    /** A sentence under the summary: what happens next. */
    public String getExplanation() {
        BillingOverview o = overview();
        return switch (o.status()) {
            case TRIAL -> "Your computer runs during the trial. Subscribe to keep it: $15 a month, or $150 a year (two months free).";
            case ACTIVE -> o.cancelAtPeriodEnd() ? "Your subscription is canceled and ends with the period you paid for."
                    : "Thank you! Change your plan or card, or cancel, in the billing portal.";
            case PAST_DUE -> "Your last payment failed. Your computer keeps running until " + Rows.day(o.graceEndsAt())
                    + "; update your card to keep it.";
            case CANCELED, SUSPENDED -> o.deletionAt() == null ? "Your computer is stopped. Subscribe to start it again."
                    : "Your computer is stopped; its files are kept until " + Rows.day(o.deletionAt())
                    + ". Subscribe to start it again, files and all.";
        };
    }

    /** The banner above the dashboard while past due or suspended: what happened and until when. */
    public String getBanner() {
        BillingOverview o = overview();
        if (o.status() == SubscriptionStatus.PAST_DUE) {
            return "Your last payment failed. Your computer keeps running until " + Rows.day(o.graceEndsAt())
                    + ": update your card to keep it.";
        }
        return "Your computer is suspended because your subscription is not active."
                + (o.deletionAt() == null ? "" : " Its files are kept until " + Rows.day(o.deletionAt()) + ".")
                + " Renew to start it again.";
    }

    /** The status as a CSS class / data attribute (its wire name). */
    public String getStatus() {
        return status().wireName();
    }

    /** Trial or suspended: the subscribe buttons; paying (or past due): the portal. */
    public boolean isCanSubscribe() {
        return status() == SubscriptionStatus.TRIAL || !status().allowsUse();
    }

    public boolean isPaying() {
        return status() == SubscriptionStatus.ACTIVE || status() == SubscriptionStatus.PAST_DUE;
    }

    public boolean isPastDue() {
        return status() == SubscriptionStatus.PAST_DUE;
    }

    public boolean isSuspended() {
        return !status().allowsUse();
    }

    public void subscribeMonthly() {
        goTo(() -> billing.checkout(session.userId(), Plan.MONTHLY.wireName()));
    }

    public void subscribeYearly() {
        goTo(() -> billing.checkout(session.userId(), Plan.YEARLY.wireName()));
    }

    public void openPortal() {
        goTo(() -> billing.portal(session.userId()));
    }

    /**
     * Sends the browser to Stripe's page; a problem (Stripe unreachable) is said above the page. The buttons are
     * Ajax: the browser follows the answer's redirect by script, since the pages' form-action 'self' forbids a
     * form post from being redirected to another site.
     */
    private static void goTo(Supplier<String> stripePage) {
        Messages.attempt(() -> {
            String url = stripePage.get();
            FacesContext faces = FacesContext.getCurrentInstance();
            ExternalContext external = faces.getExternalContext();
            try {
                external.redirect(url);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            faces.responseComplete();
        }, problem -> Messages.error(null, problem.detail()));
    }
}
