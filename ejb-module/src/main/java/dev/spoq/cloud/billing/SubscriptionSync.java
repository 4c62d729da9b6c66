package dev.spoq.cloud.billing;

import dev.spoq.cloud.account.SubscriptionStatus;
import dev.spoq.cloud.account.User;
import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.mail.Mail;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerLifecycle;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.provisioning.ContainerStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Brings an account to what its money says: reads the subscription that counts from Stripe, decides the status
 * ({@link Standing}), and carries a change out: the user's status, an audit row, the email, and the computer
 * (stopped with its files kept when suspended, started again when renewed). Each call holds the account's row
 * lock, so two events of one customer are applied one after the other, each from Stripe's state at that time.
 */
@Stateless
public class SubscriptionSync {

    private static final Logger LOG = Logger.getLogger(SubscriptionSync.class.getName());
    /** The statuses in which a computer is wanted (and so may be stopped by billing). */
    private static final Set<ContainerStatus> WANTED = EnumSet.of(ContainerStatus.PENDING, ContainerStatus.PROVISIONING,
            ContainerStatus.RUNNING, ContainerStatus.SLEEPING, ContainerStatus.FAILED);

    @PersistenceContext
    EntityManager em;

    @Inject
    BillingAccounts accounts;

    @Inject
    Billing billing;

    @Inject
    BillingSettings settings;

    @Inject
    ContainerRepository containers;

    @Inject
    ContainerLifecycle lifecycle;

    @Inject
    AuditLog audit;

    @Inject
    Mail mail;

    @Inject
    PaymentFailures paymentFailures;

    /** A recorded webhook event, taken off the queue: in the transaction of its message. */
    public void handle(String eventId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT type, customer_id, CAST(user_id AS text), handled_at "
                + "FROM stripe_events WHERE id = ?1").setParameter(1, eventId).getResultList();
        if (rows.isEmpty() || rows.get(0)[3] != null) {
            return; // unknown, or a redelivered message of an event already handled
        }
        String type = (String) rows.get(0)[0];
        Optional<String> customer = Optional.ofNullable((String) rows.get(0)[1]);
        Optional<UUID> user = Optional.ofNullable((String) rows.get(0)[2]).map(UUID::fromString);
        Optional<BillingAccount> account = customer.flatMap(accounts::lockedOfCustomer)
                .or(() -> user.map(accounts::locked));
        account.ifPresentOrElse(a -> {
            if (a.customerId().isEmpty()) {
                customer.ifPresent(a::useCustomer);
            }
            refresh(a, "Stripe event " + type + " " + eventId);
        }, () -> LOG.info("Stripe event " + eventId + " (" + type + ") names no account of ours; acknowledged"));
        em.createNativeQuery("UPDATE stripe_events SET handled_at = now(), user_id = CAST(?2 AS uuid) WHERE id = ?1")
                .setParameter(1, eventId).setParameter(2, account.map(a -> a.userId().toString()).orElse(null))
                .executeUpdate();
    }

    /** The sweep's look at one account whose dates call for something; a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void sweep(UUID userId) {
        BillingAccount account = accounts.locked(userId);
        User user = em.find(User.class, userId);
        Instant now = Instant.now();
        switch (user.subscriptionStatus()) {
            case TRIAL -> {
                if (!account.trialEndsAt().isAfter(now)) {
                    refresh(account, "the trial ended");
                } else if (account.trialEndingMailedAt() == null && Standing.trialEndingNoticeDue(account.trialEndsAt(), now)) {
                    send(user, BillingMails.trialEnding(account.trialEndsAt(), settings.dashboardUrl()));
                    account.trialEndingMailed(now);
                }
            }
            case PAST_DUE -> {
                if (!Standing.graceEnd(pastDueSince(account, now), settings.grace()).isAfter(now)) {
                    refresh(account, "the grace period ended");
                }
            }
            case SUSPENDED -> retention(account, user, now);
            default -> {
            }
        }
    }

    /** Stripe's subscription that counts, applied to the account. */
    private void refresh(BillingAccount account, String cause) {
        apply(account, account.customerId().flatMap(billing::currentSubscription), cause);
    }

    private void apply(BillingAccount account, Optional<PaidSubscription> subscription, String cause) {
        User user = em.find(User.class, account.userId());
        Instant now = Instant.now();
        SubscriptionStatus before = user.subscriptionStatus();
        SubscriptionStatus after = Standing.of(subscription, account.trialEndsAt(),
                before == SubscriptionStatus.PAST_DUE ? pastDueSince(account, now) : null, settings.grace(), now);
        account.read(subscription);
        user.changeSubscription(after, after == SubscriptionStatus.TRIAL ? account.trialEndsAt() : account.currentPeriodEnd());
        if (before == after) {
            return;
        }
        audit.record(user.id(), "billing.status.changed", before.wireName() + " -> " + after.wireName()
                + account.plan().map(plan -> " (" + plan.wireName() + ")").orElse("") + ": " + cause, null);
        if (after == SubscriptionStatus.PAST_DUE) {
            account.pastDueSince(now);
            paymentFailures.recorded();
            send(user, BillingMails.paymentFailed(Standing.graceEnd(now, settings.grace()), settings.dashboardUrl()));
        } else {
            account.pastDueSince(null);
        }
        if (after == SubscriptionStatus.SUSPENDED) {
            account.suspendedAt(now, stopComputer(user.id()));
            send(user, BillingMails.suspended(Standing.deletionAt(now, settings.retention()), settings.dashboardUrl()));
        } else if (before == SubscriptionStatus.SUSPENDED) {
            startComputer(account);
            account.suspendedAt(null, false);
        }
    }

    /** @return whether billing stopped it (a computer an operator had suspended stays theirs to resume) */
    private boolean stopComputer(UUID userId) {
        Optional<Container> computer = lockedComputer(userId).filter(c -> WANTED.contains(c.status()));
        computer.ifPresent(c -> lifecycle.suspend(c.id()));
        return computer.isPresent();
    }

    private void startComputer(BillingAccount account) {
        if (account.suspendedComputer()) {
            lockedComputer(account.userId()).filter(c -> c.status() == ContainerStatus.SUSPENDED)
                    .ifPresent(c -> lifecycle.resume(c.id()));
        }
    }

    /**
     * The user's computer with its row locked, its status read under the lock: the lifecycle refuses (409, and
     * with it this event's whole transaction) a change that an operator's deletion has just made wrong.
     */
    private Optional<Container> lockedComputer(UUID userId) {
        return containers.ofUser(userId).flatMap(c -> containers.findForChange(c.id()));
    }

    private void retention(BillingAccount account, User user, Instant now) {
        if (account.dataDeletedAt() != null || account.suspendedAt() == null) {
            return;
        }
        Instant deletion = Standing.deletionAt(account.suspendedAt(), settings.retention());
        if (!now.isBefore(deletion)) {
            lockedComputer(user.id()).filter(c -> c.status() != ContainerStatus.DELETED && c.status() != ContainerStatus.DELETING)
                    .ifPresent(c -> lifecycle.delete(c.id()));
            account.dataDeleted(now);
            audit.record(user.id(), "billing.data.deleted", "suspended since " + account.suspendedAt(), null);
            return;
        }
        Standing.DeletionNotice.due(deletion, now).ifPresent(notice -> {
            boolean mailed = notice == Standing.DeletionNotice.DAY ? account.deletionDayMailedAt() != null
                    : account.deletionWeekMailedAt() != null;
            if (!mailed) {
                send(user, BillingMails.deletionComing(deletion, settings.dashboardUrl()));
                if (notice == Standing.DeletionNotice.DAY) {
                    account.deletionDayMailed(now);
                } else {
                    account.deletionWeekMailed(now);
                }
            }
        });
    }

    private static Instant pastDueSince(BillingAccount account, Instant now) {
        return account.pastDueSince() == null ? now : account.pastDueSince();
    }

    private void send(User user, BillingMails.Letter letter) {
        if (user.deleted()) {
            return; // an account that left has no address any more (a late webhook of its canceled subscription)
        }
        if (mail.send(user.email(), letter.subject(), letter.text())) {
            audit.record(user.id(), "billing.mail.sent", letter.subject(), null);
        }
    }
}
