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
        for (SshPublicKey key : parsed.accepted()) {
            String refusal = refusalFor(userId, profileId, key.fingerprint());
            if (refusal == null) {
                usable.add(key);
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
        usable.forEach(k -> device.addKey(k.keyType(), k.fingerprint(), k.authorizedKeysLine(), k.comment()));
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
                ConnectionInfo.of(addresses.host(user.subdomain()), addresses.sshPort(), profile.username()));
    }

    public List<DeviceView> list(UUID userId) {
        Map<UUID, String> usernames = profiles.ofUser(userId).stream()
                .collect(Collectors.toMap(Profile::id, Profile::username));
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

    private String refusalFor(UUID userId, UUID profileId, String fingerprint) {
        List<Object[]> owners = em.createQuery(
                        "SELECT k.userId, k.profileId FROM DeviceKey k WHERE k.fingerprint = :fp", Object[].class)
                .setParameter("fp", fingerprint).getResultList();
        for (Object[] owner : owners) {
            if (!userId.equals(owner[0])) {
                return "this key belongs to another account";
            }
            if (profileId.equals(owner[1])) {
                return "this key is already added to this profile";
            }
        }
        return null;
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
