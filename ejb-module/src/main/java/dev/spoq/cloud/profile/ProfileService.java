package dev.spoq.cloud.profile;

import dev.spoq.cloud.account.User;
import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.database.ConstraintViolations;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.ProvisioningRequests;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Profiles: at most two logins per user on their computer. */
@Stateless
public class ProfileService {

    public static final int MAX_PER_USER = 2;

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    ProvisioningRequests provisioning;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "spoq.profile.keep-home-days", defaultValue = "30")
    int keepHomeDays;

    public Profile create(UUID userId, String rawUsername) {
        String username = LinuxUsername.require(rawUsername);
        // one writer per user at a time, so the count below cannot be outrun
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user.subdomain() == null) {
            throw SpoqProblem.conflict("subdomain-required", "subdomain", "Choose your address first.");
        }
        List<Profile> existing = ofUser(userId);
        if (existing.stream().anyMatch(p -> p.username().equals(username))) {
            throw exists(username);
        }
        if (existing.size() >= MAX_PER_USER) {
            throw limit();
        }
        Profile profile = new Profile(userId, username);
        em.persist(profile);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (ConstraintViolations.isViolationOf(e, "profile-limit")) {
                throw limit();
            }
            if (ConstraintViolations.isViolationOf(e, "profiles_user_id_username_key")) {
                throw exists(username);
            }
            throw e;
        }
        // a name removed before: its kept home comes back with it, and is no longer due for removal
        int revived = em.createNativeQuery("DELETE FROM removed_profiles WHERE user_id = CAST(?1 AS uuid) AND username = ?2")
                .setParameter(1, userId.toString()).setParameter(2, username).executeUpdate();
        audit.record(userId, "profile.created", revived > 0 ? username + " (its kept home is back)" : username, null);
        provisioning.requestLoginsSync(userId);
        return profile;
    }

    /**
     * Removes the caller's profile: its devices go with it (the gateway routes none of their keys from now on and
     * ends their open sessions), its Linux user is locked at once by the sync this sends (processes ended, no key
     * left), and its home is kept for {@code spoq.profile.keep-home-days}, then removed ({@link RemovedProfiles}).
     */
    public RemovedProfile remove(UUID userId, UUID profileId) {
        em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        Profile profile = owned(userId, profileId);
        Instant now = Instant.now();
        Instant keepUntil = now.plus(Duration.ofDays(Math.max(0, keepHomeDays)));
        em.remove(profile);
        em.flush(); // the devices and their keys go with it (ON DELETE CASCADE)
        em.createNativeQuery("INSERT INTO removed_profiles (user_id, username, removed_at, keep_home_until) "
                        + "VALUES (CAST(?1 AS uuid), ?2, ?3, ?4) ON CONFLICT (user_id, username) DO UPDATE "
                        + "SET removed_at = EXCLUDED.removed_at, keep_home_until = EXCLUDED.keep_home_until, home_removal_requested_at = NULL")
                .setParameter(1, userId.toString()).setParameter(2, profile.username())
                .setParameter(3, Timestamp.from(now)).setParameter(4, Timestamp.from(keepUntil)).executeUpdate();
        audit.record(userId, "profile.removed", profile.username() + ", home kept until " + keepUntil, null);
        provisioning.requestLoginsSync(userId);
        return new RemovedProfile(profile.username(), now, keepUntil, false);
    }

    /** The account's removed profiles whose homes are kept, or were removed, newest first. */
    public List<RemovedProfile> removedOf(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT username, removed_at, keep_home_until FROM removed_profiles "
                + "WHERE user_id = CAST(?1 AS uuid) ORDER BY removed_at DESC").setParameter(1, userId.toString()).getResultList();
        Instant now = Instant.now();
        return rows.stream().map(row -> {
            Instant until = instant(row[2]);
            return new RemovedProfile((String) row[0], instant(row[1]), until, !until.isAfter(now));
        }).toList();
    }

    private static Instant instant(Object column) {
        if (column instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (column instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) column;
    }

    public List<Profile> ofUser(UUID userId) {
        return em.createNamedQuery("Profile.ofUser", Profile.class).setParameter("userId", userId).getResultList();
    }

    /** The caller's own profile; another account's looks exactly like a missing one. */
    public Profile owned(UUID userId, UUID profileId) {
        Profile profile = em.find(Profile.class, profileId);
        if (profile == null || !profile.userId().equals(userId)) {
            throw SpoqProblem.notFound("profile_id", "No such profile in your account.");
        }
        return profile;
    }

    private static SpoqProblem exists(String username) {
        return SpoqProblem.conflict("profile-exists", "username", "You already have a profile '" + username + "'.");
    }

    private static SpoqProblem limit() {
        return SpoqProblem.conflict("profile-limit", "username",
                "You have " + MAX_PER_USER + " profiles, the most an account can have.");
    }
}
