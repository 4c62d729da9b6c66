package dev.spoq.cloud.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.UUID;

/** Who did what to an account, for support and security reviews. Never holds secrets. */
@Stateless
public class AuditLog {

    @PersistenceContext
    EntityManager em;

    /** Part of the caller's transaction: the event exists only if the change does. */
    public void record(UUID userId, String action, String detail, String sourceIp) {
        em.persist(new AuditEvent(userId, action, detail, sourceIp));
    }

    /** Kept even when the caller's transaction rolls back, e.g. for a refused login. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRefusal(UUID userId, String action, String detail, String sourceIp) {
        em.persist(new AuditEvent(userId, action, detail, sourceIp));
    }
}
