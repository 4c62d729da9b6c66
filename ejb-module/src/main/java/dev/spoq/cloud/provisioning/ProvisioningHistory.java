package dev.spoq.cloud.provisioning;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The provisioning commands a user's computer has received, oldest first (from the audit log). */
@Stateless
public class ProvisioningHistory {

    @PersistenceContext
    EntityManager em;

    public record ReceivedCommand(String action, String statusAtReceipt, OffsetDateTime receivedAt) {
    }

    @SuppressWarnings("unchecked")
    public List<ReceivedCommand> of(UUID userId) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT action, detail, occurred_at FROM audit_events
                        WHERE user_id = CAST(?1 AS uuid) AND action LIKE 'provisioning.%' ORDER BY id""")
                .setParameter(1, userId.toString()).getResultList();
        return rows.stream().map(r -> new ReceivedCommand(((String) r[0]).substring("provisioning.".length()),
                (String) r[1], toOffset(r[2]))).toList();
    }

    private static OffsetDateTime toOffset(Object column) {
        if (column instanceof OffsetDateTime odt) {
            return odt;
        }
        if (column instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(column.toString());
    }
}
