package dev.spoq.cloud.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An account's billing: its Stripe customer, the subscription as last read from Stripe, and the dates the
 * lifecycle runs on. The status itself lives on the user ({@code users.subscription_status}), which the rest of
 * the platform reads; {@link SubscriptionSync} changes both together.
 */
@Entity
@Table(name = "billing_accounts")
@NamedQuery(name = "BillingAccount.ofCustomer", query = "SELECT b FROM BillingAccount b WHERE b.customerId = :customer")
public class BillingAccount {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "stripe_customer_id")
    private String customerId;

    @Column(name = "stripe_subscription_id")
    private String subscriptionId;

    private String plan;

    @Column(name = "trial_ends_at", nullable = false)
    private Instant trialEndsAt;

    @Column(name = "current_period_end")
    private Instant currentPeriodEnd;

    @Column(name = "cancel_at_period_end", nullable = false)
    private boolean cancelAtPeriodEnd;

    @Column(name = "past_due_since")
    private Instant pastDueSince;

    @Column(name = "suspended_at")
    private Instant suspendedAt;

    @Column(name = "suspended_computer", nullable = false)
    private boolean suspendedComputer;

    @Column(name = "data_deleted_at")
    private Instant dataDeletedAt;

    @Column(name = "trial_ending_mailed_at")
    private Instant trialEndingMailedAt;

    @Column(name = "deletion_week_mailed_at")
    private Instant deletionWeekMailedAt;

    @Column(name = "deletion_day_mailed_at")
    private Instant deletionDayMailedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected BillingAccount() {
    }

    public UUID userId() {
        return userId;
    }

    public Optional<String> customerId() {
        return Optional.ofNullable(customerId);
    }

    public Optional<Plan> plan() {
        return plan == null ? Optional.empty() : Plan.ofWireName(plan);
    }

    public Instant trialEndsAt() {
        return trialEndsAt;
    }

    public Instant currentPeriodEnd() {
        return currentPeriodEnd;
    }

    public boolean cancelAtPeriodEnd() {
        return cancelAtPeriodEnd;
    }

    public Instant pastDueSince() {
        return pastDueSince;
    }

    public Instant suspendedAt() {
        return suspendedAt;
    }

    boolean suspendedComputer() {
        return suspendedComputer;
    }

    public Instant dataDeletedAt() {
        return dataDeletedAt;
    }

    Instant trialEndingMailedAt() {
        return trialEndingMailedAt;
    }

    Instant deletionWeekMailedAt() {
        return deletionWeekMailedAt;
    }

    Instant deletionDayMailedAt() {
        return deletionDayMailedAt;
    }

    void useCustomer(String id) {
        customerId = id;
        touch();
    }

    /** What Stripe said about the subscription that counts (or that there is none). */
    void read(Optional<PaidSubscription> subscription) {
        subscriptionId = subscription.map(PaidSubscription::id).orElse(null);
        plan = subscription.flatMap(PaidSubscription::plan).map(Plan::wireName).orElse(plan);
        currentPeriodEnd = subscription.map(PaidSubscription::currentPeriodEnd).orElse(null);
        cancelAtPeriodEnd = subscription.map(PaidSubscription::cancelAtPeriodEnd).orElse(false);
        touch();
    }

    void trialEndsAt(Instant when) {
        trialEndsAt = when;
        trialEndingMailedAt = null;
        touch();
    }

    void pastDueSince(Instant when) {
        pastDueSince = when;
        touch();
    }

    void suspendedAt(Instant when, boolean computerStopped) {
        suspendedAt = when;
        suspendedComputer = computerStopped;
        if (when == null) {
            deletionWeekMailedAt = null;
            deletionDayMailedAt = null;
        }
        touch();
    }

    void trialEndingMailed(Instant when) {
        trialEndingMailedAt = when;
    }

    void deletionWeekMailed(Instant when) {
        deletionWeekMailedAt = when;
    }

    void deletionDayMailed(Instant when) {
        deletionDayMailedAt = when;
        if (deletionWeekMailedAt == null) {
            deletionWeekMailedAt = when;
        }
    }

    void dataDeleted(Instant when) {
        dataDeletedAt = when;
        touch();
    }

    private void touch() {
        updatedAt = Instant.now();
    }
}
