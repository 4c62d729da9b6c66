package dev.spoq.cloud.device;

import dev.spoq.cloud.account.User;
import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.database.ConstraintViolations;
import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.ProvisioningRequests;
import dev.spoq.cloud.profile.Profile;
import dev.spoq.cloud.profile.ProfileService;
import dev.spoq.cloud.subdomain.PublicAddresses;
import dev.spoq.cloud.sshkey.ParsedKeys;
import dev.spoq.cloud.sshkey.PublicKeyParser;
import dev.spoq.cloud.sshkey.RejectedKeyLine;
import dev.spoq.cloud.sshkey.SshIdClient;
import dev.spoq.cloud.sshkey.SshPublicKey;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Devices: the keys that may log into a profile. Two per profile, four per account. */
@Stateless
public class DeviceService {

    public static final int MAX_PER_PROFILE = 2;
    public static final int MAX_PER_USER = 4;

    @PersistenceContext
    EntityManager em;

    @Inject
    ProfileService profiles;

    @Inject
    AuditLog audit;

    @Inject
    ProvisioningRequests provisioning;

    @Inject
    @ConfigProperty(name = "spoq.sshid.base-url", defaultValue = "https://sshid.io")
    String sshIdBaseUrl;

    @Inject
    @ConfigProperty(name = "spoq.sshid.timeout-seconds", defaultValue = "5")
    int sshIdTimeoutSeconds;

    @Inject
    PublicAddresses addresses;


    private SshIdClient sshId;

    @PostConstruct
    void connectSshId() {
        sshId = new SshIdClient(sshIdBaseUrl, Duration.ofSeconds(sshIdTimeoutSeconds));
    }

    /** Adds a device from pasted key text or from an ssh.id code (exactly one of them). */
    public AddedDevice add(UUID userId, UUID profileId, String name, String pastedKeys, String sshIdCode) {
        boolean pasted = pastedKeys != null;
        if (pasted == (sshIdCode != null)) {
            throw SpoqProblem.invalid("ssh_public_key", "Give either ssh_public_key or sshid_code (exactly one).");
        }
        String sourceField = pasted ? "ssh_public_key" : "sshid_code";
        if (name != null && (name.isBlank() || name.length() > 64)) {
            throw SpoqProblem.invalid("name", "A device name has 1 to 64 characters.");
        }
        Profile profile = profiles.owned(userId, profileId);
        String text = pasted ? pastedKeys : sshId.fetchKeys(sshIdCode);
        ParsedKeys parsed = new PublicKeyParser().parse(text);
        if (parsed.accepted().isEmpty()) {
            throw new SpoqProblem(ProblemKind.INVALID, "no-usable-key", sourceField,
                    pasted ? "None of the text is a public key we accept." : "ssh.id has no public key we accept for this code.",
                    Map.of("rejected", parsed.rejected()));
        }

        // one writer per account at a time: the limits and key ownership below cannot be outrun
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        checkLimits(userId, profileId);

        List<RejectedKeyLine> rejected = new ArrayList<>(parsed.rejected());
        List<SshPublicKey> usable = new ArrayList<>();
        List<Boolean> owned = new ArrayList<>();
        for (SshPublicKey key : parsed.accepted()) {
            KeyCopies copies = copiesOf(key.fingerprint());
            String refusal = copies.refusalFor(userId, profileId);
            if (refusal == null) {
                usable.add(key);
                owned.add(copies.confirmedIn(userId));
            } else {
                rejected.add(new RejectedKeyLine(parsed.lineOf(key), refusal));
            }
        }
        rejected.sort(Comparator.comparingInt(RejectedKeyLine::line));
        if (usable.isEmpty()) {
            throw new SpoqProblem(ProblemKind.CONFLICT, "key-in-use", sourceField,
                    "These keys are already registered (on this profile or in another account).",
                    Map.of("rejected", rejected));
        }

        Device device = new Device(userId, profileId, deviceName(name, pasted, sshIdCode, usable.get(0)), pasted ? null : sshIdCode);
        Instant now = Instant.now();
        for (int i = 0; i < usable.size(); i++) {
            SshPublicKey k = usable.get(i);
            // a key this account has already proved (on another profile) needs no pairing again
            device.addKey(k.keyType(), k.fingerprint(), k.authorizedKeysLine(), k.comment(), owned.get(i) ? now : null);
        }
        device.settlePairingCode();
        em.persist(device);
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw translate(e, sourceField);
        }
        provisioning.requestLoginsSync(userId);
        audit.record(userId, "device.added", device.name() + " " + usable.stream().map(SshPublicKey::fingerprint).toList(), null);
        return new AddedDevice(device.id(), device.name(), profileId,
                device.keys().stream().map(DeviceKeyView::of).toList(), rejected,
                device.paired(), PairingCode.display(device.pairingCode()),
                ConnectionInfo.of(addresses.host(user.subdomain()), addresses.sshPort(), profile.username()));
    }

    public List<DeviceView> list(UUID userId) {
        return list(userId, profiles.ofUser(userId));
    }

    /** The same, with the account's profiles already at hand (one query fewer for the status everyone polls). */
    public List<DeviceView> list(UUID userId, List<Profile> ofUser) {
        Map<UUID, String> usernames = ofUser.stream().collect(Collectors.toMap(Profile::id, Profile::username));
        return em.createNamedQuery("Device.ofUser", Device.class).setParameter("userId", userId)
                .getResultStream().map(d -> DeviceView.of(d, usernames.get(d.profileId()))).toList();
    }

    /** Removes the caller's device; another account's device looks exactly like a missing one. */
    public void remove(UUID userId, UUID deviceId) {
        Device device = em.find(Device.class, deviceId);
        if (device == null || !device.userId().equals(userId)) {
            throw SpoqProblem.notFound("device_id", "No such device in your account.");
        }
        em.remove(device);
        audit.record(userId, "device.removed", device.name(), null);
        provisioning.requestLoginsSync(userId);
    }

    /** Renames the caller's device (1 to 64 characters, no control characters); another account's looks missing. */
    public DeviceView rename(UUID userId, UUID deviceId, String rawName) {
        String name = rawName == null ? "" : rawName.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 64) {
            throw SpoqProblem.invalid("name", "A device name has 1 to 64 characters.");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw SpoqProblem.invalid("name", "A device name is one line of text.");
        }
        Device device = em.find(Device.class, deviceId);
        if (device == null || !device.userId().equals(userId)) {
            throw SpoqProblem.notFound("device_id", "No such device in your account.");
        }
        String before = device.name();
        device.rename(name);
        audit.record(userId, "device.renamed", before + " -> " + name, null);
        return list(userId).stream().filter(d -> d.deviceId().equals(deviceId)).findFirst().orElseThrow();
    }

    private void checkLimits(UUID userId, UUID profileId) {
        long onProfile = count("SELECT COUNT(d) FROM Device d WHERE d.profileId = :id", profileId);
        if (onProfile >= MAX_PER_PROFILE) {
            throw limit("This profile has " + MAX_PER_PROFILE + " devices, the most it can have. Remove one first.");
        }
        long onAccount = count("SELECT COUNT(d) FROM Device d WHERE d.userId = :id", userId);
        if (onAccount >= MAX_PER_USER) {
            throw limit("Your account has " + MAX_PER_USER + " devices, the most it can have. Remove one first.");
        }
    }

    private KeyCopies copiesOf(String fingerprint) {
        List<KeyCopies.Copy> copies = em.createQuery(
                        "SELECT k.userId, k.profileId, k.confirmedAt FROM DeviceKey k WHERE k.fingerprint = :fp", Object[].class)
                .setParameter("fp", fingerprint).getResultStream()
                .map(row -> new KeyCopies.Copy((UUID) row[0], (UUID) row[1], row[2] != null)).toList();
        return new KeyCopies(copies);
    }

    /** What an account was told about keys it lost to their holder's account, newest first. */
    public List<DeviceNotice> notices(UUID userId) {
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT id, message, created_at FROM device_notices WHERE user_id = CAST(?1 AS uuid) ORDER BY created_at DESC, id DESC")
                .setParameter(1, userId.toString()).getResultList();
        return rows.stream().map(DeviceNotice::of).toList();
    }

    /** The user has read the notice; another account's notice looks exactly like a missing one. */
    public void dismissNotice(UUID userId, long noticeId) {
        int removed = em.createNativeQuery("DELETE FROM device_notices WHERE id = ?1 AND user_id = CAST(?2 AS uuid)")
                .setParameter(1, noticeId).setParameter(2, userId.toString()).executeUpdate();
        if (removed == 0) {
            throw SpoqProblem.notFound("notice_id", "No such notice in your account.");
        }
    }

    private long count(String jpql, UUID id) {
        return em.createQuery(jpql, Long.class).setParameter("id", id).getSingleResult();
    }

    private static String deviceName(String given, boolean pasted, String code, SshPublicKey first) {
        if (given != null) {
            return given.strip();
        }
        if (!pasted) {
            return "Termius (" + code + ")";
        }
        String comment = first.comment();
        String name = comment != null && !comment.isBlank() ? comment.strip() : first.keyType() + " key";
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static SpoqProblem translate(PersistenceException e, String sourceField) {
        if (ConstraintViolations.isViolationOf(e, "device-limit")) {
            return limit("You have reached the device limit (2 per profile, 4 per account).");
        }
        if (ConstraintViolations.isViolationOf(e, "key-in-use") || ConstraintViolations.isViolationOf(e, "device_keys_profile_id_fingerprint_key")) {
            return new SpoqProblem(ProblemKind.CONFLICT, "key-in-use", sourceField,
                    "This key was just registered elsewhere; a key belongs to one account.");
        }
        throw e;
    }

    private static SpoqProblem limit(String detail) {
        return SpoqProblem.conflict("device-limit", "profile_id", detail);
    }
}
