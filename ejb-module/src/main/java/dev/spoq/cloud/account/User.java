package dev.spoq.cloud.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "users")
public class User {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    private String subdomain;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The column's own text (its CHECK lists the wire names); only {@link SubscriptionStatus} reads it. */
    @Column(name = "subscription_status", nullable = false)
    private String subscriptionStatus;

    @Column(name = "subscription_ends_at")
    private Instant subscriptionEndsAt;

    protected User() {
    }

    public User(String email, String passwordHash) {
        this.id = UUID.randomUUID();
        this.email = email;
        this.passwordHash = passwordHash;
        this.createdAt = Instant.now();
        this.subscriptionStatus = SubscriptionStatus.TRIAL.wireName();
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String subdomain() {
        return subdomain;
    }

    public void claimSubdomain(String name) {
        this.subdomain = name;
    }

    public SubscriptionStatus subscriptionStatus() {
        return SubscriptionStatus.ofWireName(subscriptionStatus);
    }

    public Instant subscriptionEndsAt() {
        return subscriptionEndsAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
