package dev.spoq.cloud.oauth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A provider's login tied to one account (sql/V11__oauth_identities.sql). */
@Entity
@Table(name = "oauth_identities")
@NamedQuery(name = "OAuthIdentity.bySubject",
        query = "SELECT i FROM OAuthIdentity i WHERE i.provider = :provider AND i.subject = :subject")
@NamedQuery(name = "OAuthIdentity.ofUser", query = "SELECT i FROM OAuthIdentity i WHERE i.userId = :userId")
public class OAuthIdentity {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String provider;

    @Column(nullable = false)
    private String subject;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String email;

    @Column(name = "linked_at", nullable = false)
    private Instant linkedAt;

    protected OAuthIdentity() {
    }

    public OAuthIdentity(ProviderIdentity identity, String email, UUID userId) {
        this.id = UUID.randomUUID();
        this.provider = identity.provider().wireName();
        this.subject = identity.subject();
        this.userId = userId;
        this.email = email;
        this.linkedAt = Instant.now();
    }

    public UUID userId() {
        return userId;
    }

    public Provider provider() {
        return Provider.ofWireName(provider).orElseThrow();
    }
}
