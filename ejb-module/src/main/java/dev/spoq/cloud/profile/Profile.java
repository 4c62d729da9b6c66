package dev.spoq.cloud.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A login on the user's computer: becomes a Linux user with a home in the persistent volume. */
@Entity
@Table(name = "profiles")
@NamedQuery(name = "Profile.ofUser", query = "SELECT p FROM Profile p WHERE p.userId = :userId ORDER BY p.createdAt")
public class Profile {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String username;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Profile() {
    }

    public Profile(UUID userId, String username) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.username = username;
        this.createdAt = Instant.now();
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public String username() {
        return username;
    }
}
