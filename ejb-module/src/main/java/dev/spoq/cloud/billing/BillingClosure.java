package dev.spoq.cloud.billing;

import dev.spoq.cloud.account.SubscriptionStatus;
import dev.spoq.cloud.account.User;
import dev.spoq.cloud.audit.AuditLog;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.UUID;

/**
 * Billing's part when an account leaves: a subscription that still charges is canceled at the provider first
 * (if the provider cannot be reached this throws, and the deletion waits: nobody is charged for an account that is
 * gone), then the account is marked so that the sweep sends it no more emails and deletes nothing more.
 */
@Stateless
public class BillingClosure {

    @PersistenceContext
    EntityManager em;

    @Inject
    BillingAccounts accounts;

    @Inject
    Billing billing;

    @Inject
    AuditLog audit;

    /** In the deletion's transaction, under the account's billing row lock. */
    public void close(UUID userId) {
        BillingAccount account = accounts.locked(userId);
        account.customerId().flatMap(billing::currentSubscription)
                .filter(subscription -> subscription.state() != PaidSubscription.State.ENDED)
                .ifPresent(subscription -> {
                    billing.cancelSubscription(subscription.id());
                    audit.record(userId, "billing.subscription.canceled", subscription.id() + ": the account was deleted", null);
                });
        Instant now = Instant.now();
        account.dataDeleted(now);
        em.find(User.class, userId).changeSubscription(SubscriptionStatus.CANCELED, now);
    }
}
