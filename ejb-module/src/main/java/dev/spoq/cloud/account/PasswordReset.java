package dev.spoq.cloud.account;

import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.ratelimit.Hit;
import dev.spoq.cloud.ratelimit.Limit;
import dev.spoq.cloud.ratelimit.RateLimited;
import dev.spoq.cloud.ratelimit.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * "Forgot your password": a single-use link, mailed, that expires ({@code spoq.account.reset-link-minutes}, 60).
 * Asking answers the same, in the same time, whether or not the address has an account: the mail is sent after
 * the answer, off the request's thread, and requests are counted per address given and per client address alike.
 */
@Stateless
public class PasswordReset {

    @PersistenceContext
    EntityManager em;

    @Inject
    EmailLinks links;

    @Inject
    AccountSettings settings;

    @Inject
    PasswordHasher hasher;

    @Inject
    AccountService accounts;

    @Inject
    EmailVerification verification;

    @Inject
    Event<OutgoingMail> outbox;

    @Inject
    AuditLog audit;

    @Inject
    RateLimiter limiter;

    /** Mails a reset link if the address has an account; says nothing either way. */
    public void request(String rawEmail, String sourceAddress) {
        String email = EmailAddress.normalize(rawEmail); // a malformed address is a 400 on email, account or not
        Limit perEmail = new Limit("reset-requests-per-email", settings.resetRequestsPerEmail(), Duration.ofHours(1));
        Limit perAddress = new Limit("reset-requests-per-address", settings.resetRequestsPerAddress(), Duration.ofHours(1));
        limiter.take(new Hit(perEmail, email.toLowerCase(Locale.ROOT)), new Hit(perAddress, sourceAddress)).refused()
                .ifPresent(refusal -> {
                    throw RateLimited.problem("too-many-reset-requests", "Too many password reset requests.", refusal);
                });
        Optional<User> user = em.createQuery("SELECT u FROM User u WHERE LOWER(u.email) = :email AND u.deletedAt IS NULL", User.class)
                .setParameter("email", email.toLowerCase(Locale.ROOT)).getResultStream().findFirst();
        user.ifPresent(account -> {
            String token = links.issue(account, EmailLinkPurpose.RESET_PASSWORD, settings.resetLinkLife());
            AccountMails.Letter letter = AccountMails.reset(settings.site() + "/reset-password?token=" + token,
                    settings.resetLinkLife());
            outbox.fire(new OutgoingMail(account.id(), account.email(), letter.subject(), letter.text()));
            audit.record(account.id(), "account.password.reset.requested", null, sourceAddress);
        });
    }

    /**
     * Sets the new password from a reset link: the link is used up, every other reset link of the account too,
     * and every session and token of the account ends (whoever had the old password is out).
     */
    public void complete(String token, String newPassword, String sourceAddress) {
        PasswordPolicy.check(newPassword);
        EmailLink link = links.redeem(token, EmailLinkPurpose.RESET_PASSWORD).orElseThrow(PasswordReset::badLink);
        User user = em.find(User.class, link.userId(), LockModeType.PESSIMISTIC_WRITE);
        if (user.deleted() || !user.email().equalsIgnoreCase(link.email())) {
            throw badLink();
        }
        user.changePassword(hasher.hash(newPassword));
        links.voidAll(user.id(), EmailLinkPurpose.RESET_PASSWORD);
        int ended = accounts.revokeTokens(user.id(), null);
        audit.record(user.id(), "account.password.reset", ended + " session(s) ended", sourceAddress);
        // the link reached the account's own address: that is what verifying proves
        verification.markVerified(user, sourceAddress);
    }

    private static SpoqProblem badLink() {
        return SpoqProblem.invalid("token", "This reset link does not work: it was used already, or it expired. Ask for a new one.");
    }
}
