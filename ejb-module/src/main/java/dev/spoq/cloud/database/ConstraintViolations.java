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
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return Optional.of(sql);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** True when the failure is the unique index or limit trigger named (its name appears in the message). */
    public static boolean isViolationOf(Throwable failure, String constraintOrLimit) {
        return find(failure)
                .map(e -> String.valueOf(e.getMessage()).contains(constraintOrLimit))
                .orElse(false);
    }
}
