package dev.spoq.cloud.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One public key of a device; the gateway finds the account by its fingerprint. */
@Entity
@Table(name = "device_keys")
public class DeviceKey {

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "device_id")
    private Device device;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "profile_id", nullable = false)
    private UUID profileId;

    @Column(name = "key_type", nullable = false)
    private String keyType;

    @Column(nullable = false)
    private String fingerprint;

    @Column(name = "public_key", nullable = false)
    private String publicKey;

    private String comment;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    protected DeviceKey() {
    }

    DeviceKey(Device device, String keyType, String fingerprint, String publicKey, String comment, Instant confirmedAt) {
        this.id = UUID.randomUUID();
        this.device = device;
        this.userId = device.userId();
        this.profileId = device.profileId();
        this.keyType = keyType;
        this.fingerprint = fingerprint;
        this.publicKey = publicKey;
        this.comment = comment;
        this.confirmedAt = confirmedAt;
    }

    /** Its holder has shown the account's code in a login (or the account already owns this key). */
    void confirm(Instant at) {
        if (confirmedAt == null) {
            confirmedAt = at;
        }
    }

    public boolean confirmed() {
        return confirmedAt != null;
    }

    public Device device() {
        return device;
    }

    public UUID userId() {
        return userId;
    }

    public String keyType() {
        return keyType;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String publicKey() {
        return publicKey;
    }

    public String comment() {
        return comment;
    }
}
