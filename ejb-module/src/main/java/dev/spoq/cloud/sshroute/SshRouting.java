package dev.spoq.cloud.sshroute;

import dev.spoq.cloud.account.User;
import dev.spoq.cloud.billing.BillingSettings;
import dev.spoq.cloud.device.DevicePairing;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerLifecycle;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.sleep.ComputerActivity;
import dev.spoq.cloud.sshkey.SshPublicKey;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers the SSH gateway: the public key names the account (the one account that confirmed it, see
 * {@link DevicePairing}), the login name picks that account's profile, and the states of the subscription and the computer decide what the
 * gateway does ({@link SshLogin#decide()}). Anything unknown is "not found", nothing more: that includes a
 * login name that is no valid Linux login, since {@code LinuxUsername} admits only valid ones as profiles.
 */
@Stateless
public class SshRouting {

    @Inject
    ContainerRepository containers;

    @Inject
    DevicePairing pairing;

    @PersistenceContext
    EntityManager em;

    @Inject
    BillingSettings billing;

    @Inject
    ContainerLifecycle lifecycle;

    @Inject
    ComputerActivity activity;

    /**
     * The decision for (login, key). A key confirmed in an account routes there; a key with only unconfirmed
     * copies on profiles of this login name awaits pairing, whoever's they are (the answer names no account);
     * anything else is unknown.
     */
    public SshRoute route(String username, String publicKey) {
        return decide(username, fingerprint(username, publicKey));
    }

    /**
     * A pairing code typed after the key's signature was verified: the right one confirms the key in the account
     * whose code it is and answers that login's route; a wrong one answers {@link SshRoute.Pairing} with why.
     */
    public SshRoute pair(String username, String publicKey, String code) {
        String fingerprint = fingerprint(username, publicKey);
        SshRoute now = decide(username, fingerprint);
        if (!(now instanceof SshRoute.Pairing)) {
            return now; // already confirmed: the key alone lets its holder in
        }
        DevicePairing.Outcome outcome = pairing.pair(username, fingerprint, code);
        if (outcome instanceof DevicePairing.Outcome.Paired paired) {
            return routeTo(paired.userId(), paired.deviceId(), username);
        }
        if (outcome instanceof DevicePairing.Outcome.WrongCode wrong) {
            return new SshRoute.Pairing(LoginMessages.wrongPairingCode(wrong.triesLeft()));
        }
        if (outcome instanceof DevicePairing.Outcome.Locked locked) {
            return new SshRoute.Pairing(LoginMessages.pairingLocked(locked.until()));
        }
        return decide(username, fingerprint); // paired meanwhile, or removed
    }

    private SshRoute decide(String username, String fingerprint) {
        Optional<SshRoute> terminal = webTerminal(username, fingerprint);
        if (terminal.isPresent()) {
            return terminal.get();
        }
        List<Object[]> copies = em.createQuery("""
                        SELECT k.userId, k.device.id, k.confirmedAt FROM DeviceKey k, Profile p
                        WHERE k.fingerprint = :fp AND p.id = k.profileId AND p.username = :username
                        """, Object[].class)
                .setParameter("fp", fingerprint).setParameter("username", username).getResultList();
        Optional<Object[]> confirmed = copies.stream().filter(row -> row[2] != null).findFirst();
        if (confirmed.isPresent()) {
            return routeTo((UUID) confirmed.get()[0], (UUID) confirmed.get()[1], username);
        }
        if (copies.isEmpty() || confirmedElsewhere(fingerprint)) {
            throw unknown();
        }
        return new SshRoute.Pairing(LoginMessages.awaitingPairing());
    }

    /** The login's decision; a login to a sleeping computer wakes it (and waits for it, as for a start). */
    private SshRoute routeTo(UUID userId, UUID deviceId, String username) {
        User user = em.find(User.class, userId);
        Optional<Container> container = containers.ofUser(userId);
        SshLogin login = new SshLogin(deviceId, container.map(Container::subdomain).orElse(user.subdomain()), username,
                user.subscriptionStatus(), container.map(Container::status), container.map(Container::statusReason).orElse(null),
                container.flatMap(SshLogin.Sshd::of), billing.dashboardUrl());
        if (login.wakesComputer()) {
            lifecycle.wake(container.get().id(), "ssh");
        }
        return login.decide();
    }

    /**
     * A browser terminal's own key ({@code WebTerminals}): it routes to its one profile, and only for a login that
     * starts within its time; the terminal's id stands in for a device in the session re-check ({@link OpenSessions}).
     */
    private Optional<SshRoute> webTerminal(String username, String fingerprint) {
        List<?> rows = em.createNativeQuery("""
                        SELECT CAST(t.id AS text), CAST(t.user_id AS text) FROM web_terminals t JOIN profiles p ON p.id = t.profile_id
                        WHERE t.fingerprint = ?1 AND p.username = ?2 AND t.login_by > now()
                        """)
                .setParameter(1, fingerprint).setParameter(2, username).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(routeTo(UUID.fromString((String) row[1]), UUID.fromString((String) row[0]), username));
    }

    /** What a login as this profile of the account would meet now (the browser terminal's page shows it). */
    public SshRoute forProfile(UUID userId, String username) {
        return routeTo(userId, null, username);
    }

    /** Another account owns the key (its copies here were dropped, or are about to be). */
    private boolean confirmedElsewhere(String fingerprint) {
        return !em.createQuery("SELECT k.id FROM DeviceKey k WHERE k.fingerprint = :fp AND k.confirmedAt IS NOT NULL")
                .setParameter("fp", fingerprint).setMaxResults(1).getResultList().isEmpty();
    }

    private static String fingerprint(String username, String publicKey) {
        if (username == null) {
            throw unknown();
        }
        // only keys that were checked when they were added can match; no need to check this one again
        return SshPublicKey.fingerprintOfLine(publicKey).orElseThrow(SshRouting::unknown);
    }

    /** A login reached its computer: the device's last connection, and the computer's last use (it stays awake). */
    public void connected(UUID deviceId) {
        em.createNativeQuery("UPDATE devices SET last_connected_at = now() WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, deviceId.toString()).executeUpdate();
        activity.devicesInUse(List.of(deviceId));
    }

    private static SpoqProblem unknown() {
        return SpoqProblem.notFound("public_key", "No route for this login and key.");
    }
}
