package dev.spoq.cloud.ratelimit;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The counters in PostgreSQL, shared by every replica. Each call is a transaction of its own, so a count
 * stays even when the caller's work rolls back (a refused login) and no row lock outlives the call.
 * Windows are cut on the database's clock, so replicas with skewed clocks still share one window.
 */
@Stateless
public class RateCounters {

    private static final Logger LOG = Logger.getLogger(RateCounters.class.getName());

    /**
     * One statement for all hits of a request (each adds {@code amount}: 1, or a lease's batch); rows are touched
     * in bucket order so two requests cannot deadlock.
     */
    private static final String COUNT = """
            INSERT INTO rate_limit_buckets AS b (bucket, window_start, hits, expires_at)
            SELECT v.bucket, w.start, v.amount, w.start + make_interval(secs => v.seconds)
            FROM (VALUES %s) AS v (bucket, seconds, amount)
            CROSS JOIN LATERAL (SELECT to_timestamp(floor(extract(epoch FROM now()) / v.seconds) * v.seconds) AS start) w
            ORDER BY v.bucket
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = b.hits + EXCLUDED.hits
            RETURNING bucket, hits, window_start, (extract(epoch FROM expires_at - now()) * 1000)::bigint AS millis_left
            """;

    @Resource(lookup = "jdbc/spoq")
    DataSource database;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Count> count(List<Hit> hits) {
        return add(hits, 1);
    }

    /** Reserves {@code amount} hits of one bucket at once (a lease); the count says how many the window now holds. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Count reserve(Hit hit, int amount) {
        return add(List.of(hit), amount).get(0);
    }

    private List<Count> add(List<Hit> hits, int amount) {
        List<Hit> ordered = hits.stream().sorted(Comparator.comparing(Hit::bucket)).toList();
        String rows = String.join(", ", ordered.stream().map(h -> "(?, ?::integer, ?::integer)").toList());
        Map<String, Hit> byBucket = new HashMap<>();
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(COUNT.formatted(rows))) {
            int i = 1;
            for (Hit hit : ordered) {
                byBucket.put(hit.bucket(), hit);
                statement.setString(i++, hit.bucket());
                statement.setLong(i++, hit.limit().window().toSeconds());
                statement.setInt(i++, amount);
            }
            List<Count> counts = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    counts.add(new Count(byBucket.get(result.getString("bucket")), result.getInt("hits"),
                            result.getTimestamp("window_start").toInstant(), Duration.ofMillis(Math.max(0, result.getLong("millis_left")))));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count rate-limit hits", e);
        }
    }

    /** Takes back one hit from the window it was counted in. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void giveBack(List<Count> counts) {
        update("UPDATE rate_limit_buckets SET hits = hits - 1 WHERE bucket = ? AND window_start = ? AND hits > 0", counts);
    }

    /** Forgets every window of these buckets (a login that succeeded clears its email's failures). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void forget(List<Count> counts) {
        update("DELETE FROM rate_limit_buckets WHERE bucket = ? AND window_start <= ?", counts);
    }

    /** Rows of windows that have ended; every replica runs it, which costs one indexed delete each. */
    @Schedule(minute = "*/5", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void purgeExpired() {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM rate_limit_buckets WHERE expires_at < now()")) {
            int purged = statement.executeUpdate();
            if (purged > 0) {
                LOG.fine(() -> "purged " + purged + " ended rate-limit windows");
            }
        } catch (SQLException e) {
            LOG.warning("cannot purge ended rate-limit windows: " + e);
        }
    }

    private void update(String sql, List<Count> counts) {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Count count : counts) {
                statement.setString(1, count.hit().bucket());
                statement.setTimestamp(2, Timestamp.from(count.windowStart()));
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update rate-limit counters", e);
        }
    }
}
