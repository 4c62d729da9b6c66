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
        audit.record(userId, "profile.created", username, null);
        provisioning.requestLoginsSync(userId);
        return profile;
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
