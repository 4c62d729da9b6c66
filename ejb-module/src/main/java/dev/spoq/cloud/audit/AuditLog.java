package dev.spoq.cloud.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.UUID;

/**
 * Who did what to an account, for support and security reviews. Never holds secrets.
 * Written with SQL because EclipseLink binds a null UUID as text, which PostgreSQL refuses.
 */
@Stateless
public class AuditLog {

    private static final String INSERT = "INSERT INTO audit_events (user_id, action, detail, source_ip) "
            + "VALUES (CAST(?1 AS uuid), ?2, ?3, ?4)";

    @PersistenceContext
    EntityManager em;

    /** Part of the caller's transaction: the event exists only if the change does. */
    public void record(UUID userId, String action, String detail, String sourceIp) {
        insert(userId, action, detail, sourceIp);
    }

    /** In a transaction of its own: kept even when the caller rolls back (a refused login), and holds no lock past this call. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordIndependently(UUID userId, String action, String detail, String sourceIp) {
        insert(userId, action, detail, sourceIp);
    }

    private void insert(UUID userId, String action, String detail, String sourceIp) {
        em.createNativeQuery(INSERT)
                .setParameter(1, userId == null ? null : userId.toString())
                .setParameter(2, action)
                .setParameter(3, detail)
                .setParameter(4, sourceIp)
                .executeUpdate();
    }
}
