package dev.spoq.cloud.monitoring;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Computers' usage over time (table usage_history): at most one point per computer per history interval, for
 * the retention; read back in buckets so that a chart gets a few hundred points whatever the span.
 */
@Stateless
public class UsageHistory {

    /** About this many points per chart, whatever its span. */
    static final int POINTS_PER_CHART = 400;

    // the NOT EXISTS keeps one point per interval even with several control planes or a restart in between
    private static final String RECORD = "INSERT INTO usage_history (container_id, sampled_at, cpu_percent, memory_bytes, "
            + "memory_limit_bytes, storage_bytes, storage_limit_bytes) "
            + "SELECT CAST(?1 AS uuid), CAST(?2 AS timestamptz), CAST(?3 AS real), CAST(?4 AS bigint), CAST(?5 AS bigint), "
            + "CAST(?6 AS bigint), CAST(?7 AS bigint) WHERE NOT EXISTS (SELECT 1 FROM usage_history "
            + "WHERE container_id = CAST(?9 AS uuid) AND sampled_at > CAST(?8 AS timestamptz)) ON CONFLICT DO NOTHING";

    private static final String READ = "SELECT to_timestamp(floor(extract(epoch FROM sampled_at) / ?2) * ?4) AS bucket, "
            + "avg(cpu_percent), avg(memory_bytes), max(memory_limit_bytes), max(storage_bytes), max(storage_limit_bytes) "
            + "FROM usage_history WHERE container_id = CAST(?1 AS uuid) AND sampled_at >= CAST(?3 AS timestamptz) "
            + "GROUP BY bucket ORDER BY bucket";

    @PersistenceContext
    EntityManager em;

    /**
     * Keeps the point unless the computer has one younger than {@code minimumGap}.
     *
     * @return whether it was kept
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean record(UUID containerId, UsagePoint point, Duration minimumGap) {
        return em.createNativeQuery(RECORD)
                .setParameter(1, containerId.toString())
                .setParameter(2, column(point.at()))
                .setParameter(3, (float) point.cpuPercent())
                .setParameter(4, point.memoryBytes())
                .setParameter(5, point.memoryLimitBytes())
                .setParameter(6, Math.max(-1, point.storageBytes()))
                .setParameter(7, Math.max(-1, point.storageLimitBytes()))
                .setParameter(8, column(point.at().minus(minimumGap)))
                .setParameter(9, containerId.toString())
                .executeUpdate() == 1;
    }

    /** The computer's points since {@code since}, averaged over buckets of {@code step} (at least a second). */
    public List<UsagePoint> since(UUID containerId, Instant since, Duration step) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(READ)
                .setParameter(1, containerId.toString())
                .setParameter(2, Math.max(1, step.toSeconds()))
                .setParameter(3, column(since))
                .setParameter(4, Math.max(1, step.toSeconds()))
                .getResultList();
        return rows.stream().map(r -> new UsagePoint(instant(r[0]), Math.round(number(r[1]) * 10) / 10.0,
                Math.round(number(r[2])), (long) number(r[3]), (long) number(r[4]), (long) number(r[5]))).toList();
    }

    /** Deletes points older than the retention; returns how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int prune(Duration retention) {
        return em.createNativeQuery("DELETE FROM usage_history WHERE sampled_at < CAST(?1 AS timestamptz)")
                .setParameter(1, column(Instant.now().minus(retention))).executeUpdate();
    }

    /** The bucket for a span: the history's own interval, or wider when the span would hold too many points. */
    static Duration step(Duration span, Duration historyInterval) {
        Duration even = span.dividedBy(POINTS_PER_CHART);
        return even.compareTo(historyInterval) > 0 ? even : historyInterval;
    }

    /** ISO-8601 text, cast in the SQL: how EclipseLink binds java.time values varies, text it binds as text. */
    private static String column(Instant instant) {
        return instant.toString();
    }

    private static double number(Object column) {
        return column == null ? 0 : ((Number) column).doubleValue();
    }

    private static Instant instant(Object column) {
        if (column instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return column instanceof OffsetDateTime time ? time.toInstant() : null;
    }
}
