package dev.spoq.cloud.gateway;

import dev.spoq.cloud.account.User;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerStatus;
import dev.spoq.cloud.sshkey.ParsedKeys;
import dev.spoq.cloud.sshkey.PublicKeyParser;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers the SSH gateway: the public key names the account (a key belongs to one account only),
 * the login name picks that account's profile. Anything unknown is "not found", nothing more.
 */
@Stateless
public class GatewayRouting {

    @PersistenceContext
    EntityManager em;

    public GatewayRoute route(String username, String publicKey) {
        ParsedKeys parsed = new PublicKeyParser().parse(publicKey);
        if (parsed.accepted().size() != 1 || username == null) {
            throw unknown();
        }
        String fingerprint = parsed.accepted().get(0).fingerprint();
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
        Container container = em.createNamedQuery("Container.ofUser", Container.class).setParameter("userId", userId)
                .getResultStream().findFirst().orElse(null);
        if (container == null) {
            return new GatewayRoute(userId, deviceId, user.subdomain(), username, "none", "No computer yet",
                    null, null, List.of(), user.subscriptionStatus());
        }
        boolean running = container.status() == ContainerStatus.RUNNING;
        List<String> hostKeys = container.hostKeys() == null ? List.of() : container.hostKeys().lines().toList();
        return new GatewayRoute(userId, deviceId, container.subdomain(), username, container.status().wireName(),
                container.statusReason(), running ? container.hostNode() : null, running ? container.sshPort() : null,
                running ? hostKeys : List.of(), user.subscriptionStatus());
    }

    public void connected(UUID deviceId) {
        em.createNativeQuery("UPDATE devices SET last_connected_at = now() WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, deviceId.toString()).executeUpdate();
    }

    private static SpoqProblem unknown() {
        return SpoqProblem.notFound("public_key", "No route for this login and key.");
    }
}
