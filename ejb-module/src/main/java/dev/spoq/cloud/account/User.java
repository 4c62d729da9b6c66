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

    /** Null for an account made through a sign-in provider (it has no password). */
    @Column(name = "password_hash")
    private String passwordHash;

    private String subdomain;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The column's own text (its CHECK lists the wire names); only {@link SubscriptionStatus} reads it. */
    @Column(name = "subscription_status", nullable = false)
    private String subscriptionStatus;

    @Column(name = "subscription_ends_at")
    private Instant subscriptionEndsAt;

    @Column(name = "email_verified_at")
    private Instant emailVerifiedAt;

    @Column(name = "unverified_suspended_at")
    private Instant unverifiedSuspendedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

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

    public boolean hasPassword() {
        return passwordHash != null;
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

    /** Only billing calls this (billing.SubscriptionSync), when Stripe's state or the account's dates say so. */
    public void changeSubscription(SubscriptionStatus status, Instant endsAt) {
        this.subscriptionStatus = status.wireName();
        this.subscriptionEndsAt = endsAt;
    }

    public Instant subscriptionEndsAt() {
        return subscriptionEndsAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant emailVerifiedAt() {
        return emailVerifiedAt;
    }

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    void verifyEmail(Instant at) {
        if (emailVerifiedAt == null) {
            emailVerifiedAt = at;
        }
    }

    /** When this account's computer was stopped for want of a verified email; null when it was not. */
    public Instant unverifiedSuspendedAt() {
        return unverifiedSuspendedAt;
    }

    void suspendedUnverified(Instant at) {
        unverifiedSuspendedAt = at;
    }

    void changePassword(String newHash) {
        passwordHash = newHash;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** The account left: its email becomes the hash the audit log keeps, no password opens it any more. */
    void forget(String emailHash, String unusablePasswordHash, Instant at) {
        email = emailHash;
        passwordHash = unusablePasswordHash;
        deletedAt = at;
    }
}
