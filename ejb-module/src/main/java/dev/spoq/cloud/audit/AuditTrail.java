package dev.spoq.cloud.audit;

import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the audit log newest first, a page at a time. Keyset pagination on the id: the cursor is the last id a
 * page showed, so a page is found by an index range however deep it is, and rows written meanwhile never shift
 * the pages after it.
 */
@Stateless
public class AuditTrail {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    @PersistenceContext
    EntityManager em;

    /**
     * @param action an exact action ("login.failed") or its prefix up to a dot ("container" finds "container.suspend.requested")
     * @param cursor the {@code next_cursor} of the page before, or null for the newest page
     */
    public record Filter(UUID userId, String action, Instant since, int limit, String cursor) {
    }

    public record Entry(long id, Instant occurredAt, String action, String outcome, Actor actor, UUID userId,
                        UUID containerId, String detail, String sourceIp) {
    }

    /** @param nextCursor what to pass for the page after this one; null on the last page */
    public record Page(List<Entry> events, String nextCursor) {
    }

    public Page page(Filter filter) {
        // microseconds since the epoch: no time format in the SQL (its colons would look like parameters)
        StringBuilder sql = new StringBuilder("SELECT id, CAST(EXTRACT(EPOCH FROM occurred_at) * 1000000 AS bigint), "
                + "action, outcome, actor_kind, actor_id, CAST(user_id AS text), "
                + "CAST(container_id AS text), detail, source_ip FROM audit_events WHERE TRUE");
        List<Object> parameters = new ArrayList<>();
        if (filter.userId() != null) {
            parameters.add(filter.userId().toString());
            sql.append(" AND user_id = CAST(?").append(parameters.size()).append(" AS uuid)");
        }
        if (filter.action() != null) {
            parameters.add(filter.action());
            int exact = parameters.size();
            parameters.add(likePrefix(filter.action()));
            sql.append(" AND (action = ?").append(exact).append(" OR action LIKE ?").append(parameters.size())
                    .append(" ESCAPE '\\')");
        }
        if (filter.since() != null) {
            parameters.add(filter.since().toString());
            sql.append(" AND occurred_at >= CAST(?").append(parameters.size()).append(" AS timestamptz)");
        }
        Optional<Long> before = cursorId(filter.cursor());
        if (before.isPresent()) {
            parameters.add(before.get());
            sql.append(" AND id < ?").append(parameters.size());
        }
        parameters.add(filter.limit() + 1);
        sql.append(" ORDER BY id DESC LIMIT ?").append(parameters.size());

        Query query = em.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Entry> events = rows.stream().limit(filter.limit()).map(AuditTrail::entry).toList();
        String next = rows.size() > filter.limit() ? cursorOf(events.get(events.size() - 1).id()) : null;
        return new Page(events, next);
    }

    private static Entry entry(Object[] row) {
        return new Entry(((Number) row[0]).longValue(), microsToInstant(((Number) row[1]).longValue()), (String) row[2], (String) row[3],
                new Actor((String) row[4], (String) row[5]), uuid(row[6]), uuid(row[7]), (String) row[8], (String) row[9]);
    }

    private static Instant microsToInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static UUID uuid(Object text) {
        return text == null ? null : UUID.fromString((String) text);
    }

    private static String likePrefix(String action) {
        return action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%";
    }

    /** Opaque to callers, so that it can change; today the last id shown. */
    static String cursorOf(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("before:" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws SpoqProblem invalid on {@code cursor} when it is not one this class made */
    static Optional<Long> cursorId(String cursor) {
        if (cursor == null) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("before:")) {
                long id = Long.parseLong(decoded.substring("before:".length()));
                if (id > 0) {
                    return Optional.of(id);
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below (NumberFormatException is one too)
        }
        throw SpoqProblem.invalid("cursor", "'cursor' must be the next_cursor of an earlier page, unchanged.");
    }
}
