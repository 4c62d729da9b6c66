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

    void addKey(String keyType, String fingerprint, String authorizedKeysLine, String comment) {
        keys.add(new DeviceKey(this, keyType, fingerprint, authorizedKeysLine, comment));
        sshPublicKey = sshPublicKey.isEmpty() ? authorizedKeysLine : sshPublicKey + "\n" + authorizedKeysLine;
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

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastConnectedAt() {
        return lastConnectedAt;
    }

    public List<DeviceKey> keys() {
        return keys;
    }
}
