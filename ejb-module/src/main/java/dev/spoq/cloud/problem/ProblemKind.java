package dev.spoq.cloud.problem;

/** What went wrong, in terms the web edge turns into an HTTP status. */
public enum ProblemKind {
    INVALID(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    TOO_LARGE(413),
    THROTTLED(429),
    UPSTREAM_FAILED(502);

    private final int httpStatus;

    ProblemKind(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
