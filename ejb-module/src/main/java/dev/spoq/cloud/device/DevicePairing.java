package dev.spoq.cloud.device;

import dev.spoq.cloud.audit.AuditEvent;
import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.provisioning.ProvisioningRequests;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The first login of a key: someone who holds its private key (the gateway checked the signature) types a
 * pairing code. The code names the account among those holding an unconfirmed copy of the key on a profile of
 * that login name; that account's copies become confirmed (it owns the key from now on) and the other accounts'
 * copies are dropped, each with a notice. Wrong codes count against every device that code could have paired,
 * and the fifth locks them for a while; the owner's confirmed keys are never touched by any of this.
 * All of it runs under the fingerprint's lock (the same one the key-owner trigger takes), so parallel guesses
 * are counted one after the other and two accounts can never both confirm a key.
 */
@Stateless
public class DevicePairing {

    public static final int WRONG_CODES_BEFORE_LOCK = 5;
    public static final Duration LOCK = Duration.ofMinutes(15);

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    ProvisioningRequests provisioning;

    /** What a typed code did. */
    public sealed interface Outcome {
        /** The code was that of this device, whose account now owns the key. */
        record Paired(UUID userId, UUID deviceId) implements Outcome {
        }

        /** Not the code of any device it could pair; {@code triesLeft} more wrong ones lock them. */
        record WrongCode(int triesLeft) implements Outcome {
        }

        /** Every device it could pair is locked (too many wrong codes) until then. */
        record Locked(Instant until) implements Outcome {
        }

        /** No unconfirmed copy left for this login (paired meanwhile, or removed): decide the login afresh. */
        record NothingToPair() implements Outcome {
        }
    }

    public Outcome pair(String username, String fingerprint, String typedCode) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))").setParameter(1, fingerprint)
                .getSingleResult();
        List<DeviceKey> candidates = em.createQuery("""
                        SELECT k FROM DeviceKey k, Profile p
                        WHERE k.fingerprint = :fp AND p.id = k.profileId AND p.username = :username AND k.confirmedAt IS NULL
                        """, DeviceKey.class)
                .setParameter("fp", fingerprint).setParameter("username", username).getResultList();
        Set<Device> devices = new LinkedHashSet<>();
        candidates.forEach(k -> devices.add(k.device()));
        if (devices.isEmpty()) {
            return new Outcome.NothingToPair();
        }
        Instant now = Instant.now();
        devices.forEach(d -> em.lock(d, LockModeType.PESSIMISTIC_WRITE));
        List<Device> open = devices.stream().filter(d -> !d.pairingLocked(now)).toList();
        if (open.isEmpty()) {
            return new Outcome.Locked(devices.stream().map(Device::pairingLockedUntil).min(Comparator.naturalOrder()).orElseThrow());
        }
        // every candidate is compared (constant time each), so the time taken does not say which one matched
        Device match = null;
        for (Device device : open) {
            if (PairingCode.matches(device.pairingCode(), typedCode) && match == null) {
                match = device;
            }
        }
        if (match != null) {
            confirm(fingerprint, match, now);
            return new Outcome.Paired(match.userId(), match.id());
        }
        int triesLeft = WRONG_CODES_BEFORE_LOCK;
        for (Device device : open) {
            device.pairingFailed(now, WRONG_CODES_BEFORE_LOCK, LOCK);
            audit.record(AuditEvent.of("device.pairing-failed").account(device.userId())
                    .detail(device.name() + " " + fingerprint).outcome(dev.spoq.cloud.audit.Outcome.REFUSED));
            triesLeft = Math.min(triesLeft, device.pairingLocked(now) ? 0 : WRONG_CODES_BEFORE_LOCK - device.pairingFailures());
        }
        if (triesLeft == 0) {
            return new Outcome.Locked(now.plus(LOCK));
        }
        return new Outcome.WrongCode(triesLeft);
    }

    /** The account of {@code paired} owns the key now: its copies are confirmed, every other account's dropped. */
    private void confirm(String fingerprint, Device paired, Instant now) {
        UUID owner = paired.userId();
        List<DeviceKey> elsewhere = em.createQuery(
                        "SELECT k FROM DeviceKey k WHERE k.fingerprint = :fp AND k.userId <> :owner", DeviceKey.class)
                .setParameter("fp", fingerprint).setParameter("owner", owner).getResultList();
        Set<UUID> losers = new LinkedHashSet<>();
        for (DeviceKey copy : elsewhere) {
            Device device = copy.device();
            device.dropKey(copy);
            boolean gone = device.keys().isEmpty();
            if (gone) {
                em.remove(device);
            } else {
                device.settlePairingCode();
            }
            notice(device.userId(), lostCopyNotice(device.name(), fingerprint, gone));
            audit.record(device.userId(), "device.key-paired-elsewhere", device.name() + " " + fingerprint, null);
            losers.add(device.userId());
        }
        // the trigger allows a confirmed copy only once no other account holds one: deletes first
        em.flush();
        List<DeviceKey> own = em.createQuery(
                        "SELECT k FROM DeviceKey k WHERE k.fingerprint = :fp AND k.userId = :owner", DeviceKey.class)
                .setParameter("fp", fingerprint).setParameter("owner", owner).getResultList();
        for (DeviceKey key : own) {
            key.confirm(now);
            key.device().settlePairingCode();
        }
        em.flush();
        audit.record(owner, "device.paired", paired.name() + " " + fingerprint, null);
        losers.forEach(provisioning::requestLoginsSync);
    }

    private void notice(UUID userId, String message) {
        em.createNativeQuery("INSERT INTO device_notices (user_id, message) VALUES (CAST(?1 AS uuid), ?2)")
                .setParameter(1, userId.toString()).setParameter(2, message).executeUpdate();
    }

    /** What the account that lost its copy reads on its dashboard. */
    static String lostCopyNotice(String deviceName, String fingerprint, boolean wholeDevice) {
        String what = wholeDevice ? "Your device \"" + deviceName + "\" was removed"
                : "The key " + fingerprint + " was removed from your device \"" + deviceName + "\"";
        return what + ": whoever holds the private key " + fingerprint + " logged in with it and paired it with another"
                + " Spoq account. A key belongs to the account its holder pairs it with.";
    }
}
