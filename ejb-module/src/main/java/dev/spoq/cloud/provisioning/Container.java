package dev.spoq.cloud.provisioning;

import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Convert;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * The container a user should have (the desired state): the user's computer, in code. Provisioning
 * makes the runtime match it.
 * <p>
 * Who writes the status: only this class changes it, through its package-private {@code mark...}
 * methods, and only two classes call them. {@link ContainerLifecycle} records a wish (suspend, resume,
 * delete) in the caller's transaction, together with the command that carries it out;
 * {@link ProvisioningProgress} records what provisioning achieved (provisioning, running, failed, deleted),
 * each committed at once. A claim creates the container {@code pending}.
 */
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

    @Column(name = "host_node")
    private String hostNode;

    @Column(nullable = false)
    @Convert(converter = ContainerStatusColumn.class)
    private ContainerStatus status;

    @Column(name = "status_reason")
    private String statusReason;

    @Column(name = "ssh_port", nullable = false)
    private int sshPort;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "host_keys")
    private String hostKeys;

    @Column(name = "provisioned_at")
    private Instant provisionedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Last seen in use (a login, an open session, CPU); written by {@code ComputerActivity} in SQL, read here. */
    @Column(name = "last_active_at", insertable = false, updatable = false)
    private Instant lastActiveAt;

    /** An operator's idle time for this computer in seconds (0: never sleeps); null: the setting. */
    @Column(name = "sleep_after_seconds")
    private Integer sleepAfterSeconds;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Container() {
    }

    public Container(UUID userId, String subdomain, int sshPort) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.subdomain = subdomain;
        this.sshPort = sshPort;
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

    public int sshPort() {
        return sshPort;
    }

    public String hostNode() {
        return hostNode;
    }

    /** The sshd's public host keys, one per line, as last read from the running computer. */
    public String hostKeys() {
        return hostKeys;
    }

    public int failedAttempts() {
        return failedAttempts;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /**
     * Since when the computer has shown no use: the newer of its last activity and its last status change
     * (a computer that has just started or woken counts as used then).
     */
    public Instant idleSince() {
        return lastActiveAt != null && lastActiveAt.isAfter(updatedAt) ? lastActiveAt : updatedAt;
    }

    public java.util.Optional<Integer> sleepAfterSeconds() {
        return java.util.Optional.ofNullable(sleepAfterSeconds);
    }

    /** @param seconds idle seconds before it sleeps, 0 to keep it awake; null for the setting */
    public void sleepAfterSeconds(Integer seconds) {
        if (seconds != null && seconds < 0) {
            throw SpoqProblem.invalid("after_seconds", "'after_seconds' is 0 (never sleeps) or more.");
        }
        this.sleepAfterSeconds = seconds;
    }

    /**
     * Whether provisioning may still report on this computer: once someone asked to suspend or
     * delete it, a provisioning attempt that was already under way must not overwrite that wish.
     */
    boolean isWanted() {
        return status == ContainerStatus.PENDING || status == ContainerStatus.PROVISIONING
                || status == ContainerStatus.RUNNING || status == ContainerStatus.FAILED;
    }

    void markProvisioning() {
        if (isWanted()) {
            moveTo(ContainerStatus.PROVISIONING, null);
        }
    }

    void markRunning(String node, String hostKeys) {
        if (!isWanted()) {
            return;
        }
        this.hostNode = node;
        this.hostKeys = hostKeys;
        this.failedAttempts = 0;
        if (provisionedAt == null) {
            provisionedAt = Instant.now();
        }
        moveTo(ContainerStatus.RUNNING, null);
    }

    /** @return how many times in a row provisioning has now failed; 0 if the container is no longer wanted */
    int markFailed(String reason) {
        if (!isWanted()) {
            return 0;
        }
        failedAttempts++;
        moveTo(ContainerStatus.FAILED, reason.length() > 500 ? reason.substring(0, 497) + "..." : reason);
        return failedAttempts;
    }

    /** Only a running computer falls asleep; anything else (a suspend, a deletion, a start) has the last word. */
    boolean markSleeping() {
        if (status != ContainerStatus.RUNNING) {
            return false;
        }
        moveTo(ContainerStatus.SLEEPING, null);
        return true;
    }

    /** A sleeping computer starts again (as a claim's does: pending, then provisioning); any other is left alone. */
    boolean markWaking() {
        if (status != ContainerStatus.SLEEPING) {
            return false;
        }
        markPending();
        return true;
    }

    /** @throws SpoqProblem 409 once a deletion was asked for: a suspend must never cancel it */
    void markSuspended() {
        if (status == ContainerStatus.DELETING || status == ContainerStatus.DELETED) {
            throw SpoqProblem.conflict("container-deleted", "container_id", "This computer was deleted; it cannot be suspended.");
        }
        moveTo(ContainerStatus.SUSPENDED, null);
    }

    void markPending() {
        failedAttempts = 0;
        moveTo(ContainerStatus.PENDING, null);
    }

    void markDeleting() {
        moveTo(ContainerStatus.DELETING, null);
    }

    void markDeleted() {
        hostNode = null;
        moveTo(ContainerStatus.DELETED, null);
    }

    private void moveTo(ContainerStatus next, String reason) {
        this.status = next;
        this.statusReason = reason;
        this.updatedAt = Instant.now();
    }
}
