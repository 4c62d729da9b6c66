package dev.spoq.cloud.database;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Finds the database's reason behind a failed write: the unique index or limit trigger that refused
 * it. The JDBC driver is a server library the application cannot see, so this reads the portable
 * SQLState and message rather than driver classes.
 */
public final class ConstraintViolations {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String LIMIT_VIOLATION = "23P01";

    private ConstraintViolations() {
    }

    public static Optional<SQLException> find(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 20; depth++) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return Optional.of(sql);
            }
            t = next(t);
        }
        return Optional.empty();
    }

    /** EclipseLink keeps the driver's exception as its "internal exception", not always as the cause. */
    private static Throwable next(Throwable t) {
        if (t.getCause() != null && t.getCause() != t) {
            return t.getCause();
        }
        try {
            Object internal = t.getClass().getMethod("getInternalException").invoke(t);
            return internal instanceof Throwable inner && inner != t ? inner : null;
        } catch (ReflectiveOperationException | RuntimeException notEclipseLink) {
            return null;
        }
    }

    /** True when the failure is the unique index or limit trigger named (its name appears in the message). */
    public static boolean isViolationOf(Throwable failure, String constraintOrLimit) {
        return find(failure)
                .map(e -> String.valueOf(e.getMessage()).contains(constraintOrLimit))
                .orElse(false);
    }
}
