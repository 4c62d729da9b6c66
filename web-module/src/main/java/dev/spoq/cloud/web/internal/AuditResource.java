package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.audit.AuditTrail;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.web.api.Ids;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Operators: the audit log, newest first, a page at a time. */
@Path("/internal/audit")
@InternalOnly
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final Pattern ACTION = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,95}$");

    @Inject
    AuditTrail trail;

    @GET
    @Operation(summary = "Audit events newest first: who (actor kind operator, jmx, system or user, and id), what, on which "
            + "account and computer, from where, when, and the outcome; next_cursor fetches the page after")
    public AuditTrail.Page page(
            @Parameter(description = "only events about this account") @QueryParam("user_id") String userId,
            @Parameter(description = "an action, or its prefix up to a dot: 'container' finds container.suspend.requested")
            @QueryParam("action") String action,
            @Parameter(description = "only events at or after this ISO-8601 instant") @QueryParam("since") String since,
            @Parameter(description = "events per page, 1 to 500 (50 when absent)") @QueryParam("limit") String limit,
            @Parameter(description = "the next_cursor of the page before") @QueryParam("cursor") String cursor) {
        return trail.page(new AuditTrail.Filter(userId == null ? null : Ids.parse("user_id", userId), action(action),
                since(since), limit(limit), cursor == null || cursor.isEmpty() ? null : cursor));
    }

    private static String action(String raw) {
        if (raw == null) {
            return null;
        }
        if (!ACTION.matcher(raw).matches()) {
            throw SpoqProblem.invalid("action", "'action' is an action name like login.failed or a prefix like container "
                    + "(lower-case letters, digits, '.', '-' and '_', at most 96).");
        }
        return raw;
    }

    private static Instant since(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw SpoqProblem.invalid("since", "'since' must be an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z.");
        }
    }

    private static int limit(String raw) {
        if (raw == null) {
            return AuditTrail.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= AuditTrail.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the problem below
        }
        throw SpoqProblem.invalid("limit", "'limit' must be a whole number from 1 to " + AuditTrail.MAX_LIMIT + ".");
    }
}
