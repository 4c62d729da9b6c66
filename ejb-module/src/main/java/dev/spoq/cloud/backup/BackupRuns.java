package dev.spoq.cloud.backup;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The record of backup runs and of each computer's (and the database's) backup in them (sql/V10). Written
 * with SQL, each call in a transaction of its own: a run lasts minutes, and what it did so far must be
 * visible (and kept) while it goes on.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BackupRuns {

    @PersistenceContext
    EntityManager em;

    public record Item(String kind, UUID containerId, UUID userId, String subdomain, String snapshotId, Instant startedAt,
                       Instant finishedAt, Long bytes, Long bytesAdded, String outcome, String error) {
    }

    public record Run(UUID id, String requestedBy, Instant startedAt, Instant finishedAt, String outcome, List<Item> items) {
    }

    /** The run under way, if any. */
    public Optional<UUID> running() {
        List<?> ids = em.createNativeQuery("SELECT CAST(id AS text) FROM backup_runs WHERE outcome = 'running'").getResultList();
        return ids.stream().findFirst().map(id -> UUID.fromString(id.toString()));
    }

    /** A new run, or empty when one is under way (the unique index on running runs decides a race). */
    public UUID start(String requestedBy) {
        Object id = em.createNativeQuery("INSERT INTO backup_runs (requested_by) VALUES (?1) RETURNING CAST(id AS text)")
                .setParameter(1, requestedBy).getSingleResult();
        return UUID.fromString(id.toString());
    }

    /** Runs left 'running' by a stop of the platform mid-run: they ended then. */
    public int endInterrupted() {
        em.createNativeQuery("UPDATE backup_items SET outcome = 'failed', finished_at = now(), error = 'interrupted by a restart of the platform' "
                + "WHERE outcome = 'running'").executeUpdate();
        return em.createNativeQuery("UPDATE backup_runs SET outcome = 'failed', finished_at = now() WHERE outcome = 'running'")
                .executeUpdate();
    }

    public long startItem(UUID runId, String kind, UUID containerId, UUID userId, String subdomain) {
        Object id = em.createNativeQuery("INSERT INTO backup_items (run_id, kind, container_id, user_id, subdomain) "
                        + "VALUES (CAST(?1 AS uuid), ?2, CAST(?3 AS uuid), CAST(?4 AS uuid), ?5) RETURNING id")
                .setParameter(1, runId.toString()).setParameter(2, kind)
                .setParameter(3, containerId == null ? null : containerId.toString())
                .setParameter(4, userId == null ? null : userId.toString())
                .setParameter(5, subdomain).getSingleResult();
        return ((Number) id).longValue();
    }

    public void succeeded(long itemId, StoredSnapshot snapshot) {
        em.createNativeQuery("UPDATE backup_items SET outcome = 'succeeded', finished_at = now(), snapshot_id = ?2, bytes = ?3, "
                        + "bytes_added = ?4 WHERE id = ?1")
                .setParameter(1, itemId).setParameter(2, snapshot.id()).setParameter(3, snapshot.bytes())
                .setParameter(4, snapshot.bytesAdded()).executeUpdate();
    }

    public void failed(long itemId, String error) {
        em.createNativeQuery("UPDATE backup_items SET outcome = 'failed', finished_at = now(), error = ?2 WHERE id = ?1")
                .setParameter(1, itemId).setParameter(2, error.length() > 1000 ? error.substring(0, 1000) : error).executeUpdate();
    }

    /** Ends the run: succeeded when every item did, failed when none did (or there were none to do and it failed), else partial. */
    public String finish(UUID runId, boolean runFailed) {
        Object[] counts = (Object[]) em.createNativeQuery("SELECT count(*) FILTER (WHERE outcome = 'succeeded'), count(*) "
                + "FROM backup_items WHERE run_id = CAST(?1 AS uuid)").setParameter(1, runId.toString()).getSingleResult();
        long ok = ((Number) counts[0]).longValue();
        long all = ((Number) counts[1]).longValue();
        String outcome = ok == all && !runFailed ? "succeeded" : ok == 0 ? "failed" : "partial";
        em.createNativeQuery("UPDATE backup_runs SET outcome = ?2, finished_at = now() WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, runId.toString()).setParameter(2, outcome).executeUpdate();
        return outcome;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Run> find(UUID runId) {
        List<?> rows = em.createNativeQuery("SELECT requested_by, started_at, finished_at, outcome FROM backup_runs WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, runId.toString()).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        List<?> itemRows = em.createNativeQuery("SELECT kind, CAST(container_id AS text), CAST(user_id AS text), subdomain, snapshot_id, "
                        + "started_at, finished_at, bytes, bytes_added, outcome, error FROM backup_items WHERE run_id = CAST(?1 AS uuid) ORDER BY id")
                .setParameter(1, runId.toString()).getResultList();
        List<Item> items = itemRows.stream().map(o -> (Object[]) o).map(i -> new Item((String) i[0], uuid(i[1]), uuid(i[2]),
                (String) i[3], (String) i[4], instant(i[5]), instant(i[6]), number(i[7]), number(i[8]), (String) i[9], (String) i[10])).toList();
        return Optional.of(new Run(runId, (String) r[0], instant(r[1]), instant(r[2]), (String) r[3], items));
    }

    /**
     * For each computer that should have a disk: when its home was last backed up, or, never backed up, when the
     * computer was made (so that a computer no backup ever reached shows as old as it is).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, Instant> lastBackupPerComputer() {
        List<?> rows = em.createNativeQuery("""
                SELECT c.subdomain, COALESCE(MAX(i.finished_at), c.created_at) FROM containers c
                LEFT JOIN backup_items i ON i.container_id = c.id AND i.kind = 'home' AND i.outcome = 'succeeded'
                WHERE c.status NOT IN ('pending', 'deleting', 'deleted')
                GROUP BY c.subdomain, c.created_at""").getResultList();
        Map<String, Instant> last = new LinkedHashMap<>();
        rows.stream().map(o -> (Object[]) o).forEach(r -> last.put((String) r[0], instant(r[1])));
        return last;
    }

    /** What our records say about these snapshots: their item (size, run), by snapshot id. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, Item> itemsOf(Collection<String> snapshotIds) {
        Map<String, Item> found = new HashMap<>();
        if (snapshotIds.isEmpty()) {
            return found;
        }
        List<?> rows = em.createNativeQuery("SELECT kind, CAST(container_id AS text), CAST(user_id AS text), subdomain, snapshot_id, "
                        + "started_at, finished_at, bytes, bytes_added, outcome, error FROM backup_items "
                        + "WHERE snapshot_id = ANY (CAST(?1 AS text[]))")
                .setParameter(1, "{" + String.join(",", snapshotIds) + "}").getResultList();
        rows.stream().map(o -> (Object[]) o).forEach(i -> found.put((String) i[4], new Item((String) i[0], uuid(i[1]), uuid(i[2]),
                (String) i[3], (String) i[4], instant(i[5]), instant(i[6]), number(i[7]), number(i[8]), (String) i[9], (String) i[10])));
        return found;
    }

    private static UUID uuid(Object column) {
        return column == null ? null : UUID.fromString(column.toString());
    }

    private static Long number(Object column) {
        return column == null ? null : ((Number) column).longValue();
    }

    private static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (column instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (column instanceof Instant i) {
            return i;
        }
        return OffsetDateTime.parse(column.toString()).withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }
}
