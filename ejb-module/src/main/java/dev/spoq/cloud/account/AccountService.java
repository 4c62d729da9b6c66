package dev.spoq.cloud.account;

import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.database.ConstraintViolations;
import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
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
import java.util.Map;
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
    @ConfigProperty(name = "spoq.token.ttl-hours", defaultValue = "168")
    int tokenTtlHours;

    public IssuedToken register(String rawEmail, String password, String sourceAddress) {
        String email = EmailAddress.normalize(rawEmail);
        PasswordPolicy.check(password);
        if (emailTaken(email)) {
            throw emailTaken();
        }
        User user = new User(email, hasher.hash(password));
        em.persist(user);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (ConstraintViolations.isViolationOf(e, "users_email_lower_key")) {
                throw emailTaken();
            }
            throw e;
        }
        audit.record(user.id(), "account.registered", null, sourceAddress);
        return issueToken(user.id());
    }

    public IssuedToken login(String rawEmail, String password, String sourceAddress) {
        String email = rawEmail == null ? "" : rawEmail.trim().toLowerCase(java.util.Locale.ROOT);
        throttle.retryAfter(email, sourceAddress).ifPresent(wait -> {
            throw tooManyAttempts(wait);
        });
        Optional<User> user = em.createQuery("SELECT u FROM User u WHERE LOWER(u.email) = :email", User.class)
                .setParameter("email", email)
                .getResultStream().findFirst();
        boolean ok;
        if (user.isPresent()) {
            ok = password != null && hasher.matches(password, user.get().passwordHash());
        } else {
            hasher.spendTheSameTime(password == null ? "" : password);
            ok = false;
        }
        if (!ok) {
            throttle.recordFailure(email, sourceAddress);
            audit.recordIndependently(user.map(User::id).orElse(null), "login.failed", null, sourceAddress);
            throw new SpoqProblem(ProblemKind.UNAUTHENTICATED, "invalid-credentials", null,
                    "Email or password is wrong.");
        }
        throttle.recordSuccess(email);
        audit.record(user.get().id(), "login.succeeded", null, sourceAddress);
        return issueToken(user.get().id());
    }

    public void logout(String token) {
        findToken(token).ifPresent(AuthToken::revoke);
    }

    /** The account a presented token belongs to, if it is known, unexpired and not revoked. */
    public Optional<UUID> authenticate(String token) {
        return findToken(token).filter(t -> t.isUsableAt(Instant.now())).map(AuthToken::userId);
    }

    public User find(UUID userId) {
        User user = em.find(User.class, userId);
        if (user == null) {
            throw new SpoqProblem(ProblemKind.UNAUTHENTICATED, "unauthenticated", null, "Your account no longer exists.");
        }
        return user;
    }

    private Optional<AuthToken> findToken(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return em.createNamedQuery("AuthToken.byHash", AuthToken.class)
                .setParameter("hash", sha256(token))
                .getResultStream().findFirst();
    }

    private IssuedToken issueToken(UUID userId) {
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

    private static SpoqProblem tooManyAttempts(Duration wait) {
        return new SpoqProblem(ProblemKind.THROTTLED, "too-many-attempts", null,
                "Too many failed logins. Try again in " + Math.max(1, wait.toMinutes()) + " minute(s).",
                Map.of("retry_after_seconds", wait.toSeconds()));
    }

    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
