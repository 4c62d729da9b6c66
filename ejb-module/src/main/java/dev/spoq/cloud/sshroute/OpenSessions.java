package dev.spoq.cloud.sshroute;

import dev.spoq.cloud.account.SubscriptionStatus;
import dev.spoq.cloud.billing.BillingSettings;
import dev.spoq.cloud.provisioning.ContainerStatus;
import dev.spoq.cloud.sleep.ComputerActivity;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Answers the SSH gateway's re-check of the sessions it holds: of these devices, which have lost access
 * ({@link SessionAccess}), and why. Three small queries and one update for any number of devices, because every
 * gateway replica asks every two seconds.
 */
@Stateless
public class OpenSessions {

    /** The most device ids one check may carry; the gateway sends larger sets in several calls. */
    public static final int MAX_DEVICES_PER_CHECK = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    BillingSettings billing;

    /** A session to end: its device, and the words its user reads. */
    public record Ended(UUID deviceId, String message) {
    }

    @Inject
    ComputerActivity activity;

    /** Also records that these devices' computers are in use: a computer with an open session never falls asleep. */
    public List<Ended> ended(Collection<UUID> deviceIds) {
        Set<UUID> asked = new LinkedHashSet<>(deviceIds);
        if (asked.isEmpty()) {
            return List.of();
        }
        activity.devicesInUse(asked);
        // a device whose profile was removed is gone too (the foreign key cascades); the join says so in words
        Map<UUID, UUID> ownerOf = new HashMap<>();
        em.createQuery("SELECT d.id, d.userId FROM Device d, Profile p WHERE p.id = d.profileId AND d.id IN :ids", Object[].class)
                .setParameter("ids", asked).getResultList()
                .forEach(row -> ownerOf.put((UUID) row[0], (UUID) row[1]));
        // a browser terminal stands where a device would: its row lives while the terminal is open and its profile exists
        List<?> terminals = em.createNativeQuery("SELECT CAST(id AS text), CAST(user_id AS text) FROM web_terminals"
                        + " WHERE id = ANY (CAST(?1 AS uuid[]))")
                .setParameter(1, asked.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .getResultList();
        for (Object row : terminals) {
            Object[] columns = (Object[]) row;
            ownerOf.put(UUID.fromString((String) columns[0]), UUID.fromString((String) columns[1]));
        }
        Map<UUID, SubscriptionStatus> subscriptions = new HashMap<>();
        Map<UUID, ContainerStatus> computers = new HashMap<>();
        if (!ownerOf.isEmpty()) {
            Set<UUID> users = Set.copyOf(ownerOf.values());
            em.createQuery("SELECT u.id, u.subscriptionStatus FROM User u WHERE u.id IN :users", Object[].class)
                    .setParameter("users", users).getResultList()
                    .forEach(row -> subscriptions.put((UUID) row[0], SubscriptionStatus.ofWireName((String) row[1])));
            em.createQuery("SELECT c.userId, c.status FROM Container c WHERE c.userId IN :users", Object[].class)
                    .setParameter("users", users).getResultList()
                    .forEach(row -> computers.put((UUID) row[0], (ContainerStatus) row[1]));
        }
        return asked.stream()
                .flatMap(id -> access(ownerOf.get(id), subscriptions, computers, billing.dashboardUrl()).endedBecause()
                        .map(message -> new Ended(id, message)).stream())
                .toList();
    }

    private static SessionAccess access(UUID user, Map<UUID, SubscriptionStatus> subscriptions,
            Map<UUID, ContainerStatus> computers, String renewPage) {
        if (user == null || !subscriptions.containsKey(user)) {
            return new SessionAccess(Optional.empty(), renewPage);
        }
        return new SessionAccess(Optional.of(new SessionAccess.Owner(subscriptions.get(user), Optional.ofNullable(computers.get(user)))),
                renewPage);
    }
}
