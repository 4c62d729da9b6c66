package dev.spoq.cloud.problem;

import jakarta.ejb.ApplicationException;

import java.util.Map;

/**
 * A failure a caller can act on: bad input, a limit, a conflict, an outside service down.
 * Thrown by the services, rendered by the web edge as RFC 9457 problem details.
 * Rolls the transaction back so that a refused request leaves nothing behind.
 *
 * @param type   stable slug, becomes {@code https://spoq.dev/problems/<type>}
 * @param field  the request field at fault, or null
 * @param extras additional members of the problem document (e.g. rejected keys)
 */
@ApplicationException(rollback = true)
public class SpoqProblem extends RuntimeException {

    private final ProblemKind kind;
    private final String type;
    private final String field;
    private final transient Map<String, Object> extras;

    public SpoqProblem(ProblemKind kind, String type, String field, String detail) {
        this(kind, type, field, detail, Map.of());
    }

    public SpoqProblem(ProblemKind kind, String type, String field, String detail, Map<String, Object> extras) {
        super(detail, null, false, false);
        this.kind = kind;
        this.type = type;
        this.field = field;
        this.extras = Map.copyOf(extras);
    }

    public static SpoqProblem invalid(String field, String detail) {
        return new SpoqProblem(ProblemKind.INVALID, "invalid-" + field.replace('_', '-'), field, detail);
    }

    public static SpoqProblem notFound(String field, String detail) {
        return new SpoqProblem(ProblemKind.NOT_FOUND, "not-found", field, detail);
    }

    public static SpoqProblem conflict(String type, String field, String detail) {
        return new SpoqProblem(ProblemKind.CONFLICT, type, field, detail);
    }

    public ProblemKind kind() {
        return kind;
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extras() {
        return extras;
    }
}
