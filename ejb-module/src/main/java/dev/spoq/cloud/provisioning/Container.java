package dev.spoq.cloud.provisioning;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Convert;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The computer a user should have (the desired state); provisioning makes Swarm match it. */
@Entity
@Table(name = "containers")
@NamedQuery(name = "Container.ofUser", query = "SELECT c FROM Container c WHERE c.userId = :userId")
public class Container {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String subdomain;

    @Column(name = "container_id")
    private String containerId;

    @Column(name = "host_node")
    private String hostNode;

    @Column(nullable = false)
    @Convert(converter = ContainerStatusColumn.class)
    private ContainerStatus status;

    @Column(name = "status_reason")
    private String statusReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Container() {
    }

    public Container(UUID userId, String subdomain) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.subdomain = subdomain;
        this.status = ContainerStatus.PENDING;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public String subdomain() {
        return subdomain;
    }

    public ContainerStatus status() {
        return status;
    }

    public String statusReason() {
        return statusReason;
    }
}
