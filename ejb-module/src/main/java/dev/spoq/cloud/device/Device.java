package dev.spoq.cloud.device;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A phone or laptop allowed into one profile: one pasted key, or all keys of an ssh.id identity. */
@Entity
@Table(name = "devices")
@NamedQuery(name = "Device.ofUser", query = "SELECT d FROM Device d WHERE d.userId = :userId ORDER BY d.createdAt")
public class Device {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "profile_id", nullable = false)
    private UUID profileId;

    @Column(nullable = false)
    private String name;

    @Column(name = "ssh_public_key", nullable = false)
    private String sshPublicKey;

    @Column(name = "sshid_code")
    private String sshidCode;

    @Column(name = "last_connected_at")
    private Instant lastConnectedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "pairing_code")
    private String pairingCode;

    @Column(name = "pairing_failures", nullable = false)
    private int pairingFailures;

    @Column(name = "pairing_locked_until")
    private Instant pairingLockedUntil;

    @OneToMany(mappedBy = "device", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("keyType")
    private List<DeviceKey> keys = new ArrayList<>();

    protected Device() {
    }

    Device(UUID userId, UUID profileId, String name, String sshidCode) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.profileId = profileId;
        this.name = name;
        this.sshidCode = sshidCode;
        this.createdAt = Instant.now();
        this.sshPublicKey = "";
    }

    void addKey(String keyType, String fingerprint, String authorizedKeysLine, String comment, Instant confirmedAt) {
        keys.add(new DeviceKey(this, keyType, fingerprint, authorizedKeysLine, comment, confirmedAt));
        sshPublicKey = sshPublicKey.isEmpty() ? authorizedKeysLine : sshPublicKey + "\n" + authorizedKeysLine;
    }

    /** Drops one key (its holder paired it with another account); the authorized_keys text follows. */
    void dropKey(DeviceKey key) {
        keys.remove(key);
        sshPublicKey = String.join("\n", keys.stream().map(DeviceKey::publicKey).toList());
    }

    /** A device with a key still awaiting its first login needs a code; one whose keys are all confirmed does not. */
    void settlePairingCode() {
        boolean awaiting = keys.stream().anyMatch(k -> !k.confirmed());
        if (!awaiting) {
            pairingCode = null;
            pairingFailures = 0;
            pairingLockedUntil = null;
        } else if (pairingCode == null) {
            pairingCode = PairingCode.generate();
        }
    }

    boolean pairingLocked(Instant now) {
        return pairingLockedUntil != null && now.isBefore(pairingLockedUntil);
    }

    /** Counts a wrong code; the last allowed one locks the device's pairing for a while and starts the count anew. */
    void pairingFailed(Instant now, int allowed, Duration lockFor) {
        pairingFailures++;
        if (pairingFailures >= allowed) {
            pairingFailures = 0;
            pairingLockedUntil = now.plus(lockFor);
        }
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public UUID profileId() {
        return profileId;
    }

    public String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastConnectedAt() {
        return lastConnectedAt;
    }

    public List<DeviceKey> keys() {
        return keys;
    }

    /** The code its first login must answer, or null when every key of the device is confirmed. */
    public String pairingCode() {
        return pairingCode;
    }

    public int pairingFailures() {
        return pairingFailures;
    }

    public Instant pairingLockedUntil() {
        return pairingLockedUntil;
    }

    /** Paired once any of its keys has been confirmed in a login. */
    public boolean paired() {
        return keys.stream().anyMatch(DeviceKey::confirmed);
    }
}
