package dev.spoq.cloud.account;

import dev.spoq.cloud.audit.AuditEvent;
import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.audit.Outcome;
import dev.spoq.cloud.database.ConstraintViolations;
import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.ratelimit.Hit;
import dev.spoq.cloud.ratelimit.RateLimited;
import dev.spoq.cloud.ratelimit.RateLimiter;
import dev.spoq.cloud.ratelimit.RateLimits;
import dev.spoq.cloud.ratelimit.Reservation;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/** Registration, login, logout, and who a bearer token belongs to. */
@Stateless
public class AccountService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditLog audit;

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimits limits;

    @Inject
    EmailVerification verification;

    @Inject
    @ConfigProperty(name = "spoq.token.ttl-hours", defaultValue = "168")
    int tokenTtlHours;

    public IssuedToken register(String rawEmail, String password, String sourceAddress) {
        String email = EmailAddress.normalize(rawEmail);
        PasswordPolicy.check(password);
        countRegistration(sourceAddress);
        if (emailTaken(email)) {
            throw emailTaken();
        }
        User user = new User(email, hasher.hash(password));
        persistNew(user);
        audit.record(user.id(), "account.registered", null, sourceAddress);
        verification.send(user);
        return issueToken(user.id());
    }

    /**
     * An account for an address a sign-in provider has verified (oauth/ProviderSignIn). It has no password: it logs
     * in through that provider. Counted with the other registrations of the address.
     */
    public User registerVerified(String rawEmail, String provider, String sourceAddress) {
        String email = EmailAddress.normalize(rawEmail);
        countRegistration(sourceAddress);
        if (emailTaken(email)) {
            throw emailTaken();
        }
        User user = new User(email, null);
        // the provider has verified the address: no link to send
        user.verifyEmail(java.time.Instant.now());
        persistNew(user);
        audit.record(user.id(), "account.registered", "via " + provider, sourceAddress);
        return user;
    }

    /** The account of this email, if any (case as typed does not matter). */
    public Optional<User> findByEmail(String rawEmail) {
        String email = rawEmail == null ? "" : rawEmail.trim().toLowerCase(java.util.Locale.ROOT);
        return em.createQuery("SELECT u FROM User u WHERE LOWER(u.email) = :email", User.class)
                .setParameter("email", email)
                .getResultStream().findFirst();
    }

    private void countRegistration(String sourceAddress) {
        // counted before the slow hash and the insert: a flood from one address costs one counter each
        limiter.take(new Hit(limits.registrationsPerAddress(), sourceAddress)).refused().ifPresent(refusal -> {
            throw RateLimited.problem("too-many-registrations",
                    "Too many new accounts from your address.", refusal);
        });
    }

    private void persistNew(User user) {
        em.persist(user);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (ConstraintViolations.isViolationOf(e, "users_email_lower_key")) {
                throw emailTaken();
            }
            throw e;
        }
    }

    public IssuedToken login(String rawEmail, String password, String sourceAddress) {
        User user = checkPassword(rawEmail, password, sourceAddress, "Email or password is wrong.");
        audit.record(user.id(), "login.succeeded", null, sourceAddress);
        return issueToken(user.id());
    }

    /**
     * The account whose email and password these are, checked as a login checks them (throttled, counted before
     * the hash, a failure audited). An account without a password (made through a sign-in provider) never matches.
     */
    public User checkPassword(String rawEmail, String password, String sourceAddress, String refusal) {
        String email = rawEmail == null ? "" : rawEmail.trim().toLowerCase(java.util.Locale.ROOT);
        Reservation attempt;
        try {
            attempt = throttle.reserve(email, sourceAddress);
        } catch (SpoqProblem throttled) {
            audit.recordIndependently(AuditEvent.of("login.throttled").detail("email sha256:" + AccountDeletion.emailHash(email)).from(sourceAddress)
                    .outcome(Outcome.REFUSED));
            throw throttled;
        }
        Optional<User> user = findByEmail(email);
        boolean ok;
        if (user.isPresent() && user.get().hasPassword()) {
            ok = password != null && hasher.matches(password, user.get().passwordHash());
        } else {
            hasher.spendTheSameTime(password == null ? "" : password);
            ok = false;
        }
        if (!ok) {
            // an address tried for no account is kept as its hash: a review can match guesses, the log holds no emails
            // (audit rows are append-only, so an email written there could never be forgotten when its account leaves)
            audit.recordIndependently(AuditEvent.of("login.failed").account(user.map(User::id).orElse(null))
                    .detail(user.isPresent() ? null : "no account, email sha256:" + AccountDeletion.emailHash(email))
                    .from(sourceAddress).outcome(Outcome.REFUSED));
            throw new SpoqProblem(ProblemKind.UNAUTHENTICATED, "invalid-credentials", null, refusal);
        }
        throttle.succeeded(attempt);
        return user.get();
    }

    public void logout(String token) {
        findToken(token).ifPresent(t -> {
            t.revoke();
            audit.record(t.userId(), "logout", null, null);
        });
    }

    /**
     * Changes the password after checking the current one (counted like a login: a stolen session cannot guess
     * it), and ends every other session and token of the account; {@code keepToken} (the caller's own) goes on.
     * Outstanding reset links stop working.
     */
    public void changePassword(UUID userId, String currentPassword, String newPassword, String keepToken, String sourceAddress) {
        // not locked before the check: a wrong password's audit row is written in a transaction of its own, and its
        // reference to this user's row would wait for our lock until the database gave up
        User user = em.find(User.class, userId);
        if (user == null || user.deleted()) {
            throw gone();
        }
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw SpoqProblem.invalid("current_password", "Enter your current password.");
        }
        PasswordPolicy.check(newPassword);
        requirePassword(user, currentPassword, "current_password", sourceAddress);
        em.lock(user, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (hasher.matches(newPassword, user.passwordHash())) {
            throw SpoqProblem.invalid("password", "The new password is your current one. Choose another.");
        }
        user.changePassword(hasher.hash(newPassword));
        em.createQuery("UPDATE EmailLink l SET l.usedAt = :now WHERE l.userId = :u AND l.purpose = 'reset-password' AND l.usedAt IS NULL")
                .setParameter("now", Instant.now()).setParameter("u", userId).executeUpdate();
        int ended = revokeTokens(userId, keepToken);
        audit.record(userId, "account.password.changed", ended + " other session(s) ended", sourceAddress);
        verification.mailPasswordChanged(user);
    }

    /** "Log out everywhere": every session and token of the account ends, this one included. */
    public int logoutEverywhere(UUID userId, String sourceAddress) {
        int ended = revokeTokens(userId, null);
        audit.record(userId, "account.logged-out-everywhere", ended + " session(s) ended", sourceAddress);
        return ended;
    }

    /**
     * Checks the account's password for a sensitive change (a new password, leaving), counted like a login
     * per email and per address; a wrong one is a 403 problem on {@code field}. The caller must not hold the
     * user's row lock yet: the failure's audit row is written in a transaction of its own.
     */
    public void requirePassword(User user, String password, String field, String sourceAddress) {
        Reservation attempt = throttle.reserve(user.email().toLowerCase(java.util.Locale.ROOT), sourceAddress);
        if (password == null || !hasher.matches(password, user.passwordHash())) {
            audit.recordIndependently(user.id(), "password.check.failed", field, sourceAddress);
            throw new SpoqProblem(ProblemKind.FORBIDDEN, "wrong-password", field, "This is not your password.");
        }
        throttle.succeeded(attempt);
    }

    /** Revokes every usable token of the account but {@code keepToken} (may be null); how many it ended. */
    public int revokeTokens(UUID userId, String keepToken) {
        return em.createNativeQuery("UPDATE auth_tokens SET revoked_at = now() WHERE user_id = CAST(?1 AS uuid) "
                        + "AND revoked_at IS NULL AND expires_at > now() AND token_hash <> ?2")
                .setParameter(1, userId.toString()).setParameter(2, keepToken == null ? "" : sha256(keepToken))
                .executeUpdate();
    }

    /** The account a presented token belongs to, if it is known, unexpired and not revoked. */
    public Optional<UUID> authenticate(String token) {
        return findToken(token).filter(t -> t.isUsableAt(Instant.now())).map(AuthToken::userId);
    }

    public User find(UUID userId) {
        User user = em.find(User.class, userId);
        if (user == null || user.deleted()) {
            throw gone();
        }
        return user;
    }

    private static SpoqProblem gone() {
        return new SpoqProblem(ProblemKind.UNAUTHENTICATED, "unauthenticated", null, "Your account no longer exists.");
    }

    private Optional<AuthToken> findToken(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return em.createNamedQuery("AuthToken.byHash", AuthToken.class)
                .setParameter("hash", sha256(token))
                .getResultStream().findFirst();
    }

    /** The dashboard's "Create an API token": what a login gives, for an account with or without a password. */
    public IssuedToken issueApiToken(UUID userId, String sourceAddress) {
        find(userId);
        IssuedToken issued = issueToken(userId);
        audit.record(userId, "token.created", null, sourceAddress);
        return issued;
    }

    /** A new login token of this account (a login, a provider's sign-in, the dashboard's API token). */
    public IssuedToken issueToken(UUID userId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expires = Instant.now().plus(Duration.ofHours(tokenTtlHours));
        em.persist(new AuthToken(userId, sha256(token), expires));
        return new IssuedToken(userId, token, expires);
    }

    private boolean emailTaken(String email) {
        return !em.createQuery("SELECT u.id FROM User u WHERE LOWER(u.email) = :email")
                .setParameter("email", email).getResultList().isEmpty();
    }

    private static SpoqProblem emailTaken() {
        return SpoqProblem.conflict("email-taken", "email", "An account with this email already exists. Log in instead.");
    }

    /** The stored form of a token (its SHA-256, hex); also the key of its rate limit, so the limit table holds no token. */
    public static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
