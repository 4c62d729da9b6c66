package dev.spoq.cloud.terminal;

import dev.spoq.cloud.account.User;
import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.profile.Profile;
import dev.spoq.cloud.sshkey.SshPublicKey;
import dev.spoq.cloud.sshroute.SshRouting;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.KeyPair;
import java.time.Duration;
import java.util.UUID;

/**
 * The dashboard's terminal in the browser, held to the rules of SSH by going through the SSH gateway: the page and the
 * WebSocket name a profile, this checks that the session's account owns it, and makes a key pair for that one
 * terminal whose public half routes (for {@link #LOGIN_WITHIN}) to that profile only ({@code web_terminals},
 * looked up by {@link SshRouting}). The gateway then counts, meters, re-checks and banners it like any SSH login.
 * A profile of another account is "not found", with the same words as one that does not exist.
 */
@Stateless
public class WebTerminals {

    /** How long a terminal's key may start a login; the open session is then kept by its row, not by this. */
    public static final Duration LOGIN_WITHIN = Duration.ofSeconds(60);

    @PersistenceContext
    EntityManager em;

    @Inject
    SshRouting routing;

    @Inject
    AuditLog audit;

    /** For the page: the profile (the account's own, else 404) and what a login as it would meet now. */
    public TerminalAccess access(UUID userId, UUID profileId) {
        Profile profile = ownProfile(userId, profileId);
        User user = em.find(User.class, userId);
        return new TerminalAccess(profile.id(), profile.username(), user.subdomain(), routing.forProfile(userId, profile.username()));
    }

    /** A new terminal for the account's own profile: its key routes there for one login within {@link #LOGIN_WITHIN}. */
    public OpenedTerminal open(UUID userId, UUID profileId, String sourceIp) {
        Profile profile = ownProfile(userId, profileId);
        KeyPair key = TerminalKeys.generate();
        UUID id = UUID.randomUUID();
        String fingerprint = SshPublicKey.fingerprintOfLine(TerminalKeys.publicLine(key)).orElseThrow();
        // rows of terminals whose control plane stopped without closing them: their private keys died with it
        em.createNativeQuery("DELETE FROM web_terminals WHERE user_id = CAST(?1 AS uuid) AND created_at < now() - interval '1 day'")
                .setParameter(1, userId.toString()).executeUpdate();
        em.createNativeQuery("""
                        INSERT INTO web_terminals (id, user_id, profile_id, fingerprint, login_by)
                        VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), CAST(?3 AS uuid), ?4, now() + CAST(?5 AS interval))
                        """)
                .setParameter(1, id.toString()).setParameter(2, userId.toString()).setParameter(3, profile.id().toString())
                .setParameter(4, fingerprint).setParameter(5, LOGIN_WITHIN.toSeconds() + " seconds")
                .executeUpdate();
        audit.record(userId, "terminal.opened", profile.username(), sourceIp);
        return new OpenedTerminal(id, userId, profile.username(), key);
    }

    /** The browser's terminal ended: its key routes nowhere any more, and the gateway's re-check ends what is left. */
    public void closed(OpenedTerminal terminal, String sourceIp, String why) {
        int removed = em.createNativeQuery("DELETE FROM web_terminals WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, terminal.id().toString()).executeUpdate();
        if (removed > 0) {
            audit.record(terminal.userId(), "terminal.closed", terminal.login() + ": " + why, sourceIp);
        }
    }

    /** A refused attempt (someone else's profile, a forged address), kept even though nothing else is written. */
    public void refused(UUID userId, String profileId, String sourceIp, String why) {
        audit.recordIndependently(userId, "terminal.refused", why + " (profile " + profileId + ")", sourceIp);
    }

    private Profile ownProfile(UUID userId, UUID profileId) {
        Profile profile = profileId == null ? null : em.find(Profile.class, profileId);
        if (profile == null || !profile.userId().equals(userId)) {
            throw SpoqProblem.notFound("profile", "No such profile on your account.");
        }
        return profile;
    }
}
