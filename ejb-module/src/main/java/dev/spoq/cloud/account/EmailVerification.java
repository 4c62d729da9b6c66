package dev.spoq.cloud.account;

import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerLifecycle;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.provisioning.ContainerStatus;
import dev.spoq.cloud.ratelimit.Hit;
import dev.spoq.cloud.ratelimit.Limit;
import dev.spoq.cloud.ratelimit.RateLimited;
import dev.spoq.cloud.ratelimit.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The email check: a link mailed at sign-up (the trial's computer starts at once anyway); an account still
 * unverified {@code spoq.account.verify-within-hours} after sign-up has its computer suspended, and verifying
 * starts it again. Only a computer this stopped is started by it: one billing or an operator stopped stays theirs.
 */
@Stateless
public class EmailVerification {

    /** The statuses in which a computer is wanted (and so may be stopped for want of a verified email). */
    private static final Set<ContainerStatus> WANTED = EnumSet.of(ContainerStatus.PENDING, ContainerStatus.PROVISIONING,
            ContainerStatus.RUNNING, ContainerStatus.FAILED);

    @PersistenceContext
    EntityManager em;

    @Inject
    EmailLinks links;

    @Inject
    AccountSettings settings;

    @Inject
    Event<OutgoingMail> outbox;

    @Inject
    AuditLog audit;

    @Inject
    ContainerRepository containers;

    @Inject
    ContainerLifecycle lifecycle;

    @Inject
    RateLimiter limiter;

    /** Part of the registration's transaction: the mail goes out once the account exists. */
    public void send(User user) {
        String token = links.issue(user, EmailLinkPurpose.VERIFY_EMAIL, settings.verifyLinkLife());
        AccountMails.Letter letter = AccountMails.verify(link(token), settings.verifyWithin());
        outbox.fire(new OutgoingMail(user.id(), user.email(), letter.subject(), letter.text()));
    }

    /** "Send the link again" (the old links keep working until they expire); a few per hour per account. */
    public void resend(UUID userId) {
        User user = em.find(User.class, userId);
        if (user == null || user.deleted()) {
            throw new SpoqProblem(dev.spoq.cloud.problem.ProblemKind.UNAUTHENTICATED, "unauthenticated", null,
                    "Your account no longer exists.");
        }
        if (user.emailVerified()) {
            throw SpoqProblem.conflict("email-already-verified", "email", "Your email is already confirmed.");
        }
        Limit resends = new Limit("verification-mails-per-account", settings.resetRequestsPerEmail(), Duration.ofHours(1));
        limiter.take(new Hit(resends, userId.toString())).refused().ifPresent(refusal -> {
            throw RateLimited.problem("too-many-verification-mails", "We sent you several links already.", refusal);
        });
        send(user);
        audit.record(userId, "account.verification.resent", null, null);
    }

    /**
     * Redeems a verification link: the account's email is verified (if the link went to the address the account
     * still has) and a computer stopped for want of it starts again. Any link that does not work, for whatever
     * reason, is the same 400 on {@code token}.
     */
    public UUID verify(String token, String sourceAddress) {
        EmailLink link = links.redeem(token, EmailLinkPurpose.VERIFY_EMAIL).orElseThrow(EmailVerification::badLink);
        User user = em.find(User.class, link.userId(), LockModeType.PESSIMISTIC_WRITE);
        if (user.deleted() || !user.email().equalsIgnoreCase(link.email())) {
            throw badLink();
        }
        markVerified(user, sourceAddress);
        return user.id();
    }

    /** The account proved it reads mail at its address (a verification link, or a reset link, used). */
    public void markVerified(User user, String sourceAddress) {
        if (user.emailVerified()) {
            return;
        }
        user.verifyEmail(Instant.now());
        audit.record(user.id(), "account.email.verified", null, sourceAddress);
        if (user.unverifiedSuspendedAt() != null) {
            user.suspendedUnverified(null);
            lockedComputer(user.id()).filter(c -> c.status() == ContainerStatus.SUSPENDED).ifPresent(computer -> {
                if (user.subscriptionStatus().allowsUse()) {
                    lifecycle.resume(computer.id());
                    audit.record(user.id(), "account.unverified.resumed", computer.subdomain(), sourceAddress);
                } else {
                    // billing stopped it meanwhile too: from now on it is billing's to start when the account pays
                    em.createNativeQuery("UPDATE billing_accounts SET suspended_computer = true "
                                    + "WHERE user_id = CAST(?1 AS uuid) AND suspended_at IS NOT NULL")
                            .setParameter(1, user.id().toString()).executeUpdate();
                }
            });
        }
    }

    /** Tells the account's address that its password changed (whoever changed it). */
    public void mailPasswordChanged(User user) {
        AccountMails.Letter letter = AccountMails.passwordChanged(settings.site());
        outbox.fire(new OutgoingMail(user.id(), user.email(), letter.subject(), letter.text()));
    }

    /** Accounts past their deadline whose computer has not been stopped for it yet (for the sweep). */
    public List<UUID> overdue() {
        Instant deadline = Instant.now().minus(settings.verifyWithin());
        return em.createQuery("SELECT u.id FROM User u WHERE u.emailVerifiedAt IS NULL AND u.deletedAt IS NULL "
                        + "AND u.unverifiedSuspendedAt IS NULL AND u.createdAt <= :deadline", UUID.class)
                .setParameter("deadline", deadline).setMaxResults(500).getResultList();
    }

    /** One overdue account, in a transaction of its own: its computer stops (files kept), one email says why. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void suspendOverdue(UUID userId) {
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user == null || user.emailVerified() || user.deleted() || user.unverifiedSuspendedAt() != null
                || user.createdAt().isAfter(Instant.now().minus(settings.verifyWithin()))) {
            return; // verified or handled meanwhile
        }
        user.suspendedUnverified(Instant.now());
        Optional<Container> computer = lockedComputer(userId).filter(c -> WANTED.contains(c.status()));
        computer.ifPresent(c -> lifecycle.suspend(c.id()));
        audit.record(userId, "account.unverified.suspended",
                computer.map(Container::subdomain).orElse("no computer to stop"), null);
        String token = links.issue(user, EmailLinkPurpose.VERIFY_EMAIL, settings.verifyLinkLife());
        AccountMails.Letter letter = AccountMails.suspendedUnverified(link(token));
        outbox.fire(new OutgoingMail(userId, user.email(), letter.subject(), letter.text()));
    }

    private Optional<Container> lockedComputer(UUID userId) {
        return containers.ofUser(userId).flatMap(c -> containers.findForChange(c.id()));
    }

    private String link(String token) {
        return settings.site() + "/verify-email?token=" + token;
    }

    private static SpoqProblem badLink() {
        return SpoqProblem.invalid("token", "This confirmation link does not work (any more). Log in and send yourself a new one.");
    }
}
