package dev.spoq.cloud.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "audit_events")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id")
    private UUID userId;

    @Column(nullable = false)
    private String action;

    private String detail;

    @Column(name = "source_ip")
    private String sourceIp;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    protected AuditEvent() {
    }

    AuditEvent(UUID userId, String action, String detail, String sourceIp) {
        this.userId = userId;
        this.action = action;
        this.detail = detail;
        this.sourceIp = sourceIp;
        this.occurredAt = Instant.now();
    }
}
