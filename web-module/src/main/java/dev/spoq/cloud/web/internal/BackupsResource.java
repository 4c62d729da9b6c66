package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.backup.BackupRuns;
import dev.spoq.cloud.backup.Backups;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.web.api.ClientAddresses;
import dev.spoq.cloud.web.api.Ids;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Backups for operators: run one now (in the background: a run over every computer takes minutes, so the
 * answer is 202 with the run's id to poll), follow it, list a user's snapshots.
 */
@Path("/internal/backups")
@InternalOnly
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class BackupsResource {

    @Inject
    Backups backups;

    @Inject
    ClientAddresses addresses;

    @Context
    HttpServletRequest http;

    public record Started(UUID runId, String outcome, String poll) {
    }

    public record Item(String kind, UUID containerId, UUID userId, String subdomain, String snapshotId, Instant startedAt,
                       Instant finishedAt, Double seconds, Long bytes, Long bytesAdded, String outcome, String error) {
        static Item of(BackupRuns.Item i) {
            Double seconds = i.finishedAt() == null ? null : Duration.between(i.startedAt(), i.finishedAt()).toMillis() / 1000.0;
            return new Item(i.kind(), i.containerId(), i.userId(), i.subdomain(), i.snapshotId(), i.startedAt(), i.finishedAt(),
                    seconds, i.bytes(), i.bytesAdded(), i.outcome(), i.error());
        }
    }

    public record Run(UUID runId, String requestedBy, Instant startedAt, Instant finishedAt, String outcome, List<Item> items) {
    }

    public record Snapshots(UUID userId, List<Backups.SnapshotView> snapshots) {
    }

    @POST
    @Operation(summary = "Back up every computer's home and the platform's database now (202; poll the run)")
    public Response runNow() {
        UUID runId = backups.start(Backups.BY_OPERATOR, addresses.of(http));
        String poll = "/internal/backups/runs/" + runId;
        return Response.accepted(new Started(runId, "running", poll)).location(URI.create(poll)).build();
    }

    @GET
    @Path("/runs/{runId}")
    @Operation(summary = "A backup run: its outcome and, per computer and for the database, snapshot, time, bytes")
    public Run run(@PathParam("runId") UUID runId) {
        BackupRuns.Run run = backups.run(runId)
                .orElseThrow(() -> SpoqProblem.notFound("run_id", "No such backup run."));
        return new Run(run.id(), run.requestedBy(), run.startedAt(), run.finishedAt(), run.outcome(),
                run.items().stream().map(Item::of).toList());
    }

    @GET
    @Operation(summary = "The snapshots of a user's home in the backup repository, oldest first")
    public Snapshots snapshots(@QueryParam("user_id") String userId) {
        if (userId == null || userId.isBlank()) {
            throw SpoqProblem.invalid("user_id", "Say whose snapshots: ?user_id=<the user's id>.");
        }
        UUID user = Ids.parse("user_id", userId);
        return new Snapshots(user, backups.snapshotsOf(user));
    }
}
