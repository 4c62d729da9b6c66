package dev.spoq.cloud.subdomain;

import dev.spoq.cloud.account.User;
import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.database.ConstraintViolations;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.provisioning.ProvisioningRequests;
import dev.spoq.cloud.ratelimit.Hit;
import dev.spoq.cloud.ratelimit.RateLimited;
import dev.spoq.cloud.ratelimit.RateLimiter;
import dev.spoq.cloud.ratelimit.RateLimits;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.util.UUID;

/** Checking and claiming a user's address (alice.spoq.dev). */
@Stateless
public class SubdomainService {

    @PersistenceContext
    EntityManager em;

    @Inject
    ContainerRepository containers;

    @Inject
    ProvisioningRequests provisioning;

    @Inject
    AuditLog audit;

    @Inject
    PublicAddresses addresses;

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimits limits;

    public SubdomainAvailability check(String raw) {
        String name = SubdomainRules.normalize(raw);
        SubdomainVerdict verdict = SubdomainRules.judge(name);
        if (verdict == null && isTaken(name)) {
            verdict = SubdomainVerdict.taken(name);
        }
        String shown = name.length() > 63 ? name.substring(0, 63) : name;
        return verdict == null ? SubdomainAvailability.available(shown) : SubdomainAvailability.unavailable(shown, verdict);
    }

    /**
     * Gives the user this address, records the computer they should have and asks for it to be
     * provisioned — all in one transaction, so a refused claim leaves neither a row nor a command.
     */
    public ClaimedSubdomain claim(UUID userId, String raw) {
        return claimValid(userId, validName(raw));
    }

    /**
     * A user's own claim from {@code sourceAddress}: every claim of a valid name counts against the claims
     * per address and against all claims together (each claim starts a 2 GB computer), before anything else.
     */
    public ClaimedSubdomain claim(UUID userId, String raw, String sourceAddress) {
        String name = validName(raw);
        refuseWhenOver(new Hit(limits.claimsPerAddress(), sourceAddress), "Too many addresses claimed from your address.");
        // only claims an address may make count towards all: one busy address cannot use up everyone's
        refuseWhenOver(new Hit(limits.claimsGlobal(), "all"), "Many new computers are starting right now.");
        return claimValid(userId, name);
    }

    private void refuseWhenOver(Hit hit, String detail) {
        limiter.take(hit).refused().ifPresent(refusal -> {
            throw RateLimited.problem("too-many-claims", detail, refusal);
        });
    }

    private static String validName(String raw) {
        String name = SubdomainRules.normalize(raw);
        SubdomainVerdict verdict = SubdomainRules.judge(name);
        if (verdict != null) {
            throw SpoqProblem.invalid("subdomain", verdict.detail());
        }
        return name;
    }

    private ClaimedSubdomain claimValid(UUID userId, String name) {
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (name.equals(user.subdomain())) {
            Container existing = containers.ofUser(userId).orElseThrow();
            return new ClaimedSubdomain(name, host(name), existing.status().wireName(), false);
        }
        if (user.subdomain() != null) {
            throw SpoqProblem.conflict("subdomain-already-claimed", "subdomain",
                    "You already have " + host(user.subdomain()) + "; an account has one address.");
        }
        if (isTaken(name)) {
            throw taken(name);
        }
        // before any change: a native query flushes pending changes, which would move the race's failure here
        // the lowest free port; the function holds a lock until this claim commits, so concurrent claims take turns
        int sshPort = ((Number) em.createNativeQuery("SELECT allocate_ssh_port()").getSingleResult()).intValue();
        user.claimSubdomain(name);
        Container container = new Container(userId, name, sshPort);
        em.persist(container);
        provisioning.requestEnsure(userId, name);
        try {
            // the unique index decides a race between two claimers; the loser rolls back its command too
            em.flush();
        } catch (PersistenceException e) {
            if (ConstraintViolations.isViolationOf(e, "subdomain")) {
                throw taken(name);
            }
            throw e;
        }
        audit.record(userId, "subdomain.claimed", name, null);
        return new ClaimedSubdomain(name, host(name), container.status().wireName(), true);
    }

    private String host(String subdomain) {
        return addresses.host(subdomain);
    }

    private boolean isTaken(String name) {
        return !em.createQuery("SELECT u.id FROM User u WHERE u.subdomain = :name")
                .setParameter("name", name).setMaxResults(1).getResultList().isEmpty();
    }

    private static SpoqProblem taken(String name) {
        return SpoqProblem.conflict("subdomain-taken", "subdomain", "'" + name + "' already belongs to someone. Try another.");
    }
}
