package dev.spoq.cloud.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.UUID;

/**
 * Who did what to which account or computer, from where, and how it ended: for support and security reviews. Never
 * holds secrets. The table is append-only (sql/V9__audit_log.sql); {@link AuditTrail} reads it.
 * Written with SQL because EclipseLink binds a null UUID as text, which PostgreSQL refuses.
 */
@Stateless
public class AuditLog {

    // an event about a computer names its account too, so that filtering by account finds it
    private static final String INSERT = "INSERT INTO audit_events "
            + "(user_id, container_id, action, detail, source_ip, actor_kind, actor_id, outcome) VALUES ("
            + "COALESCE(CAST(?1 AS uuid), (SELECT c.user_id FROM containers c WHERE c.id = CAST(?2 AS uuid))), "
            + "CAST(?2 AS uuid), ?3, ?4, ?5, ?6, ?7, ?8)";

    @PersistenceContext
    EntityManager em;

    /** Part of the caller's transaction: the event exists only if the change does. */
    public void record(UUID userId, String action, String detail, String sourceIp) {
        record(AuditEvent.of(action).account(userId).detail(detail).from(sourceIp));
    }

    /** In a transaction of its own: kept even when the caller rolls back (a refused login), and holds no lock past this call. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordIndependently(UUID userId, String action, String detail, String sourceIp) {
        record(AuditEvent.of(action).account(userId).detail(detail).from(sourceIp));
    }

    /** Part of the caller's transaction. */
    public void record(AuditEvent event) {
        insert(event);
    }

    /** In a transaction of its own (refused and failed actions, whose own transaction rolls back). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordIndependently(AuditEvent event) {
        insert(event);
    }

    private void insert(AuditEvent event) {
        Actor actor = event.effectiveActor();
        em.createNativeQuery(INSERT)
                .setParameter(1, text(event.userId()))
                .setParameter(2, text(event.containerId()))
                .setParameter(3, cut(event.action(), 96))
                .setParameter(4, event.detail())
                .setParameter(5, cut(event.sourceIp(), 64))
                .setParameter(6, actor.kind())
                .setParameter(7, cut(actor.id(), 128))
                .setParameter(8, event.outcome().wireName())
                .executeUpdate();
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
