package dev.spoq.cloud.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

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

    protected DeviceKey() {
    }

    DeviceKey(Device device, String keyType, String fingerprint, String publicKey, String comment) {
        this.id = UUID.randomUUID();
        this.device = device;
        this.userId = device.userId();
        this.profileId = device.profileId();
        this.keyType = keyType;
        this.fingerprint = fingerprint;
        this.publicKey = publicKey;
        this.comment = comment;
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
