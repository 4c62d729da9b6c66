package dev.spoq.cloud.schedule;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Work on a timer runs once per window across every control-plane replica. Each replica keeps its own timer (so
 * losing one loses no work) and, before the work, asks for the current window of the job: the row of (job, window)
 * goes in for exactly one of them, on the database's clock (replicas with skewed clocks share the windows). A
 * replica that fails in the middle of its window leaves the rest of that window undone; the next window's run
 * catches up, as every such job is written to.
 *
 * <p>Timers tick at half the window ({@link #tick}), so a window is never missed by a timer's drift; the work then
 * starts within half a window of the window's start, on whichever replica ticked first.
 */
@Stateless
public class ScheduledWork {

    private static final Logger LOG = Logger.getLogger(ScheduledWork.class.getName());
    private static final Duration SHORTEST_TICK = Duration.ofMillis(250);
    private static final AtomicBoolean databaseWasAway = new AtomicBoolean();

    private static final String CLAIM = """
            INSERT INTO scheduled_work_runs (job, slot, ran_by)
            VALUES (?, floor(extract(epoch FROM now()) / ?)::bigint, ?)
            ON CONFLICT (job, slot) DO NOTHING
            """;

    @Resource(lookup = "jdbc/spoq")
    DataSource database;

    @Inject
    Replica replica;

    /** How often a replica's timer should ask for a job done once per {@code window}. */
    public static Duration tick(Duration window) {
        Duration half = window.dividedBy(2);
        return half.compareTo(SHORTEST_TICK) < 0 ? SHORTEST_TICK : half;
    }

    /**
     * True when this replica is the one to do {@code job} in the current window of length {@code window} (committed at
     * once: the others see it while the work runs); false when another replica (or this one) has it already, or when
     * the database cannot be asked (no work without knowing that it is ours).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String job, Duration window) {
        double seconds = Math.max(window.toMillis(), 1) / 1000.0;
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(CLAIM)) {
            insert.setString(1, job);
            insert.setDouble(2, seconds);
            insert.setString(3, replica.name());
            boolean ours = insert.executeUpdate() == 1;
            if (databaseWasAway.compareAndSet(true, false)) {
                LOG.info("Scheduled work can ask the database again");
            }
            return ours;
        } catch (SQLException e) {
            if (databaseWasAway.compareAndSet(false, true)) {
                LOG.warning("Scheduled work waits: cannot ask the database whose window it is (" + e.getMessage() + ")");
            }
            return false;
        }
    }

    /** The trail is for looking back a little; every replica runs this, one indexed delete each. */
    @Schedule(hour = "*", minute = "17", persistent = false, info = "scheduled-work trail")
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void forgetOldRuns() {
        try (Connection connection = database.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM scheduled_work_runs WHERE started_at < now() - interval '1 day'")) {
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.warning("Cannot forget old scheduled-work runs: " + e.getMessage());
        }
    }
}
