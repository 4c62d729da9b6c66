package dev.spoq.cloud.account;

import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.billing.BillingClosure;
import dev.spoq.cloud.oauth.OAuthIdentity;
import dev.spoq.cloud.oauth.ProviderIdentity;
import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.ContainerLifecycle;
import dev.spoq.cloud.provisioning.ContainerRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Leaving: after the password is entered again (or, for an account without one, a fresh login of its provider), in
 * one transaction: the subscription is canceled at the payment provider (if that fails, nothing is deleted), the computer with its disk is deleted (the provisioning command
 * commits with this), {@link AccountDeleted} is fired for whatever else holds the account's data, profiles,
 * devices, links and every token go, and the account row stays as a tombstone whose email is replaced by its
 * SHA-256: the audit log keeps its rows (which hold an email only as this hash) and still names the account.
 */
@Stateless
public class AccountDeletion {

    @PersistenceContext
    EntityManager em;

    @Inject
    AccountService accounts;

    @Inject
    BillingClosure billing;

    @Inject
    ContainerRepository containers;

    @Inject
    ContainerLifecycle lifecycle;

    @Inject
    Event<AccountDeleted> deleted;

    @Inject
    Event<OutgoingMail> outbox;

    @Inject
    AuditLog audit;

    public void delete(UUID userId, String password, String sourceAddress) {
        User user = existing(userId);
        if (!user.hasPassword()) {
            throw new SpoqProblem(ProblemKind.FORBIDDEN, "no-password", "password", "Your account signs in with "
                    + "Google or GitHub and has no password: delete it on the dashboard, where that login confirms it.");
        }
        if (password == null || password.isEmpty()) {
            throw SpoqProblem.invalid("password", "Enter your password to delete your account.");
        }
        accounts.requirePassword(user, password, "password", sourceAddress);
        remove(user, "password", sourceAddress);
    }

    /**
     * Leaving without a password: the provider's fresh answer must be a login tied to this very account (a login of
     * someone else, or of the same email at another provider account, deletes nothing).
     */
    public void deleteConfirmedBy(UUID userId, ProviderIdentity who, String sourceAddress) {
        User user = existing(userId);
        boolean own = em.createNamedQuery("OAuthIdentity.bySubject", OAuthIdentity.class)
                .setParameter("provider", who.provider().wireName())
                .setParameter("subject", who.subject())
                .getResultStream().anyMatch(identity -> identity.userId().equals(userId));
        if (!own) {
            audit.recordIndependently(userId, "account.delete.refused", "not this account's " + who.provider().wireName()
                    + " login", sourceAddress);
            throw new SpoqProblem(ProblemKind.FORBIDDEN, "not-your-login", null, "That " + who.provider().displayName()
                    + " login is not the one your account signs in with, so nothing was deleted.");
        }
        remove(user, "via " + who.provider().wireName(), sourceAddress);
    }

    private User existing(UUID userId) {
        User user = em.find(User.class, userId);
        if (user == null || user.deleted()) {
            throw new SpoqProblem(ProblemKind.UNAUTHENTICATED, "unauthenticated", null, "Your account no longer exists.");
        }
        return user;
    }

    private void remove(User user, String confirmedBy, String sourceAddress) {
        UUID userId = user.id();
        em.lock(user, LockModeType.PESSIMISTIC_WRITE);
        if (user.deleted()) {
            throw new SpoqProblem(ProblemKind.UNAUTHENTICATED, "unauthenticated", null, "Your account no longer exists.");
        }
        String email = user.email();
        Instant now = Instant.now();

        billing.close(userId);
        containers.ofUser(userId).flatMap(c -> containers.findForChange(c.id()))
                .ifPresent(computer -> lifecycle.delete(computer.id()));
        deleted.fire(new AccountDeleted(userId, user.subdomain(), now));

        int sessions = accounts.revokeTokens(userId, null);
        // the devices go with their profiles (cascade): the gateway routes none of its keys from now on
        em.createNativeQuery("DELETE FROM profiles WHERE user_id = CAST(?1 AS uuid)").setParameter(1, userId.toString()).executeUpdate();
        em.createNativeQuery("DELETE FROM removed_profiles WHERE user_id = CAST(?1 AS uuid)").setParameter(1, userId.toString()).executeUpdate();
        em.createNativeQuery("DELETE FROM account_email_tokens WHERE user_id = CAST(?1 AS uuid)").setParameter(1, userId.toString()).executeUpdate();
        // its provider logins go too (they name the email, and a later sign-in with them must start a new account)
        em.createNativeQuery("DELETE FROM oauth_identities WHERE user_id = CAST(?1 AS uuid)").setParameter(1, userId.toString()).executeUpdate();

        String hash = emailHash(email);
        // no audit row holds an email (they carry its hash), so the append-only log needs no rewriting here
        user.forget(tombstoneEmail(userId, hash), "deleted", now);
        audit.record(userId, "account.deleted", "email sha256:" + hash + "; confirmed " + confirmedBy + "; "
                + sessions + " session(s) ended", sourceAddress);
        AccountMails.Letter letter = AccountMails.deleted();
        outbox.fire(new OutgoingMail(userId, email, letter.subject(), letter.text()));
        em.flush();
    }

    /** The SHA-256 (hex) of the lower-cased address: support can still answer "did this address have an account?". */
    public static String emailHash(String email) {
        return AccountService.sha256(email.strip().toLowerCase(Locale.ROOT));
    }

    /** Unique (the same person may leave twice), never an address (no mail can reach it, no login matches it). */
    static String tombstoneEmail(UUID userId, String hash) {
        return "deleted:" + userId + ":sha256:" + hash;
    }
}
