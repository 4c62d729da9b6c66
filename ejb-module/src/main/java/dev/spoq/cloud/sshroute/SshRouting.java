package dev.spoq.cloud.sshroute;

import dev.spoq.cloud.account.User;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.sshkey.SshPublicKey;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;
import java.util.UUID;

/**
 * Answers the SSH gateway: the public key names the account (a key belongs to one account only), the login
 * name picks that account's profile, and the states of the subscription and the computer decide what the
 * gateway does ({@link SshLogin#decide()}). Anything unknown is "not found", nothing more: that includes a
 * login name that is no valid Linux login, since {@code LinuxUsername} admits only valid ones as profiles.
 */
@Stateless
public class SshRouting {

    @Inject
    ContainerRepository containers;

    @PersistenceContext
    EntityManager em;

    public SshRoute route(String username, String publicKey) {
        if (username == null) {
            throw unknown();
        }
        // only keys that were checked when they were added can match; no need to check this one again
        String fingerprint = SshPublicKey.fingerprintOfLine(publicKey).orElseThrow(SshRouting::unknown);
        Optional<Object[]> match = em.createQuery("""
                        SELECT k.userId, k.device.id FROM DeviceKey k, Profile p
                        WHERE k.fingerprint = :fp AND p.id = k.profileId AND p.username = :username
                        """, Object[].class)
                .setParameter("fp", fingerprint).setParameter("username", username)
                .getResultStream().findFirst();
        if (match.isEmpty()) {
            throw unknown();
        }
        UUID userId = (UUID) match.get()[0];
        UUID deviceId = (UUID) match.get()[1];
        User user = em.find(User.class, userId);
        Optional<Container> container = containers.ofUser(userId);
        return new SshLogin(deviceId, container.map(Container::subdomain).orElse(user.subdomain()), username,
                user.subscriptionStatus(), container.map(Container::status), container.map(Container::statusReason).orElse(null),
                container.flatMap(SshLogin.Sshd::of)).decide();
    }

    public void connected(UUID deviceId) {
        em.createNativeQuery("UPDATE devices SET last_connected_at = now() WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, deviceId.toString()).executeUpdate();
    }

    private static SpoqProblem unknown() {
        return SpoqProblem.notFound("public_key", "No route for this login and key.");
    }
}
