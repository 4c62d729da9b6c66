package dev.spoq.cloud.oauth;

import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.account.EmailAddress;
import dev.spoq.cloud.account.IssuedToken;
import dev.spoq.cloud.account.User;
import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.database.ConstraintViolations;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a checked provider identity means for accounts. A known login logs its account in. A new person gets an
 * account only from an email the provider verified. An email that already has a password account is never enough
 * to enter it (whoever controls a provider account with that address would take the account over): that account's
 * password must be entered first ({@link #link}), and only then is the provider's login tied to it.
 */
@Stateless
public class ProviderSignIn {

    @PersistenceContext
    EntityManager em;

    @Inject
    AccountService accounts;

    @Inject
    AuditLog audit;

    public SignInOutcome signIn(ProviderIdentity who, String sourceAddress) {
        String via = "via " + who.provider().wireName();
        Optional<OAuthIdentity> known = find(who);
        if (known.isPresent()) {
            UUID userId = known.get().userId();
            audit.record(userId, "login.succeeded", via, sourceAddress);
            return new SignInOutcome.LoggedIn(accounts.issueToken(userId), false);
        }
        if (!who.emailVerified() || who.email() == null || who.email().isBlank()) {
            audit.recordIndependently(null, "login.refused", via + ": email not verified", sourceAddress);
            return new SignInOutcome.Refused("email-unverified", who.provider().displayName()
                    + " has not verified the email address of that account"
                    + (who.email() == null || who.email().isBlank() ? "" : " (" + who.email() + ")")
                    + ", so we cannot make an account from it. Verify it at " + who.provider().displayName()
                    + " and try again, or sign up with email and password.");
        }
        String email = EmailAddress.normalize(who.email());
        Optional<User> existing = accounts.findByEmail(email);
        if (existing.isPresent()) {
            if (existing.get().hasPassword()) {
                return new SignInOutcome.PasswordNeeded(who, email);
            }
            String providers = em.createNamedQuery("OAuthIdentity.ofUser", OAuthIdentity.class)
                    .setParameter("userId", existing.get().id()).getResultStream()
                    .map(i -> i.provider().displayName()).sorted().collect(Collectors.joining(" or "));
            audit.recordIndependently(existing.get().id(), "login.refused", via + ": account signs in elsewhere", sourceAddress);
            return new SignInOutcome.Refused("account-signs-in-elsewhere", "The account of " + email
                    + " signs in with " + (providers.isEmpty() ? "another provider" : providers)
                    + ". Continue with " + (providers.isEmpty() ? "that one" : providers) + " instead.");
        }
        User user = accounts.registerVerified(email, who.provider().wireName(), sourceAddress);
        tie(who, email, user.id(), sourceAddress);
        return new SignInOutcome.LoggedIn(accounts.issueToken(user.id()), true);
    }

    /**
     * Ties a provider's login to the password account of its verified email, once that account's password is
     * entered (checked like a login: throttled, a failure audited); then logs in.
     */
    public IssuedToken link(ProviderIdentity who, String password, String sourceAddress) {
        if (!who.emailVerified()) {
            throw SpoqProblem.invalid("email", "That email address is not verified by " + who.provider().displayName() + ".");
        }
        User user = accounts.checkPassword(who.email(), password, sourceAddress, "That password is wrong.");
        Optional<OAuthIdentity> known = find(who);
        if (known.isPresent() && !known.get().userId().equals(user.id())) {
            throw SpoqProblem.conflict("provider-login-taken", null, "That " + who.provider().displayName()
                    + " login already belongs to another account.");
        }
        if (known.isEmpty()) {
            tie(who, user.email(), user.id(), sourceAddress);
        }
        audit.record(user.id(), "login.succeeded", "via " + who.provider().wireName(), sourceAddress);
        return accounts.issueToken(user.id());
    }

    private void tie(ProviderIdentity who, String email, UUID userId, String sourceAddress) {
        em.persist(new OAuthIdentity(who, email, userId));
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (ConstraintViolations.isViolationOf(e, "oauth_identities_user_provider_key")) {
                throw SpoqProblem.conflict("provider-already-linked", null, "This account is already connected to "
                        + "another " + who.provider().displayName() + " login.");
            }
            if (ConstraintViolations.isViolationOf(e, "oauth_identities_provider_subject_key")) {
                throw SpoqProblem.conflict("provider-login-taken", null, "That " + who.provider().displayName()
                        + " login already belongs to an account. Continue with " + who.provider().displayName() + " again.");
            }
            throw e;
        }
        audit.record(userId, "oauth.linked", who.provider().wireName(), sourceAddress);
    }

    /** The providers this account signs in with. */
    public List<Provider> loginsOf(UUID userId) {
        return em.createNamedQuery("OAuthIdentity.ofUser", OAuthIdentity.class).setParameter("userId", userId)
                .getResultStream().map(OAuthIdentity::provider).sorted().toList();
    }

    private Optional<OAuthIdentity> find(ProviderIdentity who) {
        return em.createNamedQuery("OAuthIdentity.bySubject", OAuthIdentity.class)
                .setParameter("provider", who.provider().wireName())
                .setParameter("subject", who.subject())
                .getResultStream().findFirst();
    }
}
