package dev.spoq.cloud.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A link mailed to someone (verify the email, reset the password), as the server keeps it: only the SHA-256 of
 * its random token, the address it went to, when it expires and when it was used. Good once, only before it expires.
 */
@Entity
@Table(name = "account_email_tokens")
@NamedQuery(name = "EmailLink.byHash", query = "SELECT l FROM EmailLink l WHERE l.tokenHash = :hash")
public class EmailLink {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String purpose;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(nullable = false)
    private String email;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected EmailLink() {
    }

    EmailLink(UUID userId, EmailLinkPurpose purpose, String tokenHash, String email, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.purpose = purpose.wireName();
        this.tokenHash = tokenHash;
        this.email = email;
        this.createdAt = Instant.now();
        this.expiresAt = expiresAt;
    }

    UUID userId() {
        return userId;
    }

    String email() {
        return email;
    }

    boolean isFor(EmailLinkPurpose wanted) {
        return wanted.wireName().equals(purpose);
    }

    boolean isUsableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    void use(Instant at) {
        usedAt = at;
    }
}
