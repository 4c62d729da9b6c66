package dev.spoq.cloud.billing;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place that finds billing accounts. An account's row is made when billing first looks at it (its
 * trial counted from the account's creation), so registration needs to know nothing about billing.
 */
@Stateless
public class BillingAccounts {

    private static final String ENSURE = "INSERT INTO billing_accounts (user_id, trial_ends_at) "
            + "SELECT id, created_at + (?1 * interval '1 second') FROM users ";

    @PersistenceContext
    EntityManager em;

    @Inject
    BillingSettings settings;

    /** The account's billing, made if needed; joins the caller's transaction. */
    public BillingAccount of(UUID userId) {
        BillingAccount account = em.find(BillingAccount.class, userId);
        if (account != null) {
            return account;
        }
        em.createNativeQuery(ENSURE + "WHERE id = CAST(?2 AS uuid) ON CONFLICT (user_id) DO NOTHING")
                .setParameter(1, settings.trial().toSeconds()).setParameter(2, userId.toString()).executeUpdate();
        return em.find(BillingAccount.class, userId);
    }

    /** The same, locked until the caller's transaction ends: one change of an account at a time. */
    public BillingAccount locked(UUID userId) {
        BillingAccount account = of(userId);
        // re-read under the lock: what another transaction committed meanwhile counts
        em.refresh(account, LockModeType.PESSIMISTIC_WRITE);
        return account;
    }

    public Optional<BillingAccount> lockedOfCustomer(String customerId) {
        return em.createNamedQuery("BillingAccount.ofCustomer", BillingAccount.class).setParameter("customer", customerId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    public Optional<UUID> userOfCustomer(String customerId) {
        return em.createNamedQuery("BillingAccount.ofCustomer", BillingAccount.class).setParameter("customer", customerId)
                .getResultStream().findFirst().map(BillingAccount::userId);
    }

    /** Makes the rows of every account that has none yet. */
    public void ensureAll() {
        em.createNativeQuery(ENSURE + "WHERE NOT EXISTS (SELECT 1 FROM billing_accounts b WHERE b.user_id = users.id) "
                + "ON CONFLICT (user_id) DO NOTHING").setParameter(1, settings.trial().toSeconds()).executeUpdate();
    }

    /**
     * Accounts whose dates call for something now: a trial over or ending within 2 days (not mailed yet), a grace
     * period over, a suspended account within a week of its deletion.
     */
    public List<UUID> due(Duration grace, Duration retention) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("""
                        SELECT CAST(u.id AS text) FROM users u JOIN billing_accounts b ON b.user_id = u.id
                        WHERE (u.subscription_status = 'trial' AND (b.trial_ends_at <= now()
                                 OR (b.trial_ending_mailed_at IS NULL AND b.trial_ends_at <= now() + interval '2 days')))
                           OR (u.subscription_status = 'past_due' AND b.past_due_since + (?1 * interval '1 second') <= now())
                           OR (u.subscription_status = 'suspended' AND b.data_deleted_at IS NULL AND b.suspended_at IS NOT NULL
                               AND b.suspended_at + (?2 * interval '1 second') - interval '7 days' <= now())
                        """)
                .setParameter(1, grace.toSeconds()).setParameter(2, retention.toSeconds()).getResultList();
        return ids.stream().map(UUID::fromString).toList();
    }
}
