package dev.spoq.cloud.billing;

import dev.spoq.cloud.account.SubscriptionStatus;

import java.time.Instant;

/**
 * An account's billing as its owner sees it (GET /api/billing, the dashboard's billing card).
 *
 * @param plan             "trial" until a subscription was paid for, then "monthly" or "yearly"
 * @param currentPeriodEnd the renewal date (or the end of a subscription canceled at period end); null in a trial
 * @param graceEndsAt      while past due: when the computer stops unless the card is updated
 * @param deletionAt       while suspended: when the computer and its files are deleted
 */
public record BillingOverview(String plan, SubscriptionStatus status, Instant trialEndsAt, Instant currentPeriodEnd,
                              boolean cancelAtPeriodEnd, Instant graceEndsAt, Instant deletionAt) {

    public static final String TRIAL = "trial";
}
