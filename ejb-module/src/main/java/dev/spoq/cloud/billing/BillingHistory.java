package dev.spoq.cloud.billing;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What happened to an account's billing, for operators: its billing audit rows and the Stripe events received for it. */
@Stateless
public class BillingHistory {

    @PersistenceContext
    EntityManager em;

    public record Entry(String action, String detail, Instant occurredAt) {
    }

    public record StripeEvent(String id, String type, Instant receivedAt, Instant handledAt) {
    }

    public List<Entry> audit(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT action, detail, occurred_at FROM audit_events "
                        + "WHERE user_id = CAST(?1 AS uuid) AND action LIKE 'billing.%' ORDER BY id")
                .setParameter(1, userId.toString()).setMaxResults(500).getResultList();
        return rows.stream().map(r -> new Entry((String) r[0], (String) r[1], instant(r[2]))).toList();
    }

    public List<StripeEvent> events(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, type, received_at, handled_at FROM stripe_events "
                        + "WHERE user_id = CAST(?1 AS uuid) ORDER BY received_at")
                .setParameter(1, userId.toString()).setMaxResults(500).getResultList();
        return rows.stream().map(r -> new StripeEvent((String) r[0], (String) r[1], instant(r[2]), instant(r[3]))).toList();
    }

    private static Instant instant(Object column) {
        if (column instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return column instanceof OffsetDateTime time ? time.toInstant() : null;
    }
}
