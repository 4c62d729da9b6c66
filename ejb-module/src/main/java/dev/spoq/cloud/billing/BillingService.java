package dev.spoq.cloud.billing;

import dev.spoq.cloud.account.SubscriptionStatus;
import dev.spoq.cloud.account.User;
import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What subscribers and operators ask of billing: where it stands, a checkout, the customer portal. */
@Stateless
public class BillingService {

    @PersistenceContext
    EntityManager em;

    @Inject
    BillingAccounts accounts;

    @Inject
    Billing billing;

    @Inject
    BillingSettings settings;

    @Inject
    AuditLog audit;

    public BillingOverview overview(UUID userId) {
        return overview(accounts.of(userId), user(userId));
    }

    /** A Stripe Checkout page for the plan, for the account's customer (made on the first checkout). */
    public String checkout(UUID userId, String planName) {
        Plan plan = Plan.requested(planName);
        BillingAccount account = accounts.locked(userId);
        User user = user(userId);
        SubscriptionStatus status = user.subscriptionStatus();
        if (status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.PAST_DUE) {
            throw SpoqProblem.conflict("already-subscribed", "plan",
                    "You already have a subscription. Change its plan or card in the billing portal.");
        }
        String url = billing.checkoutUrl(customerOf(account, user), userId, plan, settings.dashboardUrl());
        audit.record(userId, "billing.checkout.started", plan.wireName(), null);
        return url;
    }

    /** Stripe's Customer Portal for the account (change plan, card, cancel). */
    public String portal(UUID userId) {
        BillingAccount account = accounts.locked(userId);
        return billing.portalUrl(customerOf(account, user(userId)), settings.dashboardUrl());
    }

    /** Operators: every account's plan and status, newest accounts first. */
    public List<OperatorRow> accounts() {
        accounts.ensureAll();
        return em.createQuery("SELECT b, u FROM BillingAccount b, User u WHERE u.id = b.userId ORDER BY u.createdAt DESC",
                        Object[].class).setMaxResults(1000).getResultList().stream()
                .map(row -> operatorRow((BillingAccount) row[0], (User) row[1])).toList();
    }

    public OperatorRow account(UUID userId) {
        return operatorRow(accounts.of(userId), user(userId));
    }

    /** Operators (support): moves a trial's end, e.g. to give someone a few more days. */
    public OperatorRow setTrialEnd(UUID userId, Instant trialEndsAt) {
        if (trialEndsAt == null) {
            throw SpoqProblem.invalid("trial_ends_at", "Give the new end of the trial as an ISO-8601 instant.");
        }
        BillingAccount account = accounts.locked(userId);
        User user = user(userId);
        account.trialEndsAt(trialEndsAt);
        if (user.subscriptionStatus() == SubscriptionStatus.TRIAL) {
            user.changeSubscription(SubscriptionStatus.TRIAL, trialEndsAt);
        }
        audit.record(userId, "billing.trial.moved", "trial ends at " + trialEndsAt, null);
        return operatorRow(account, user);
    }

    /** One account as operators see it: the owner's view, with the Stripe customer and the email it goes by. */
    public record OperatorRow(UUID userId, String email, String stripeCustomerId, BillingOverview billing) {
    }

    private OperatorRow operatorRow(BillingAccount account, User user) {
        return new OperatorRow(user.id(), user.email(), account.customerId().orElse(null), overview(account, user));
    }

    private BillingOverview overview(BillingAccount account, User user) {
        SubscriptionStatus status = user.subscriptionStatus();
        return new BillingOverview(
                account.plan().filter(p -> status != SubscriptionStatus.TRIAL).map(Plan::wireName).orElse(BillingOverview.TRIAL),
                status, account.trialEndsAt(), account.currentPeriodEnd(), account.cancelAtPeriodEnd(),
                status == SubscriptionStatus.PAST_DUE && account.pastDueSince() != null
                        ? Standing.graceEnd(account.pastDueSince(), settings.grace()) : null,
                status == SubscriptionStatus.SUSPENDED && account.suspendedAt() != null && account.dataDeletedAt() == null
                        ? Standing.deletionAt(account.suspendedAt(), settings.retention()) : null);
    }

    private String customerOf(BillingAccount account, User user) {
        return account.customerId().orElseGet(() -> {
            String customer = billing.createCustomer(user.id(), user.email());
            account.useCustomer(customer);
            audit.record(user.id(), "billing.customer.created", customer, null);
            return customer;
        });
    }

    private User user(UUID userId) {
        User user = em.find(User.class, userId);
        if (user == null) {
            throw SpoqProblem.notFound("user_id", "No such account.");
        }
        return user;
    }
}
