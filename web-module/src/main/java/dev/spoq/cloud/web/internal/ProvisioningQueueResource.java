package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.ParkedCommands;
import dev.spoq.cloud.provisioning.ProvisioningHistory;
import dev.spoq.cloud.provisioning.ProvisioningQueueBrowser;
import dev.spoq.cloud.provisioning.ProvisioningTimings;
import dev.spoq.cloud.provisioning.QueuedCommand;
import dev.spoq.cloud.provisioning.Reconciler;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/internal/provisioning")
@InternalOnly
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class ProvisioningQueueResource {

    @Inject
    ProvisioningQueueBrowser queue;

    public record Waiting(List<QueuedCommand> commands) {
    }

    @Inject
    ProvisioningHistory history;

    public record History(List<ProvisioningHistory.ReceivedCommand> commands) {
    }

    @GET
    @Path("/history")
    @Operation(summary = "Provisioning commands a user's computer has received, oldest first")
    public History history(@QueryParam("user_id") String userId) {
        try {
            return new History(history.of(UUID.fromString(String.valueOf(userId))));
        } catch (IllegalArgumentException e) {
            throw SpoqProblem.invalid("user_id", "'user_id' must be a user's id (a UUID).");
        }
    }

    @Inject
    ProvisioningTimings timings;

    @GET
    @Path("/timings")
    @Operation(summary = "Where the latest start of a user's computer spent its time, stage by stage (kept in memory, recent users only)")
    public ProvisioningTimings.Timing timings(@QueryParam("user_id") String userId) {
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(userId));
        } catch (IllegalArgumentException e) {
            throw SpoqProblem.invalid("user_id", "'user_id' must be a user's id (a UUID).");
        }
        return timings.latest(id).orElseThrow(() -> SpoqProblem.notFound("user_id",
                "No start of this user's computer was timed since the control plane started."));
    }

    @Inject
    ParkedCommands parked;

    @Inject
    Reconciler reconciler;

    public record Requeued(int requeued) {
    }

    /** One reconciler pass, run now: what it sent and how long it took (operators, bench/density). */
    public record Pass(int commandsSent, long millis) {
    }

    @GET
    @Path("/parked")
    @Operation(summary = "Commands that failed every redelivery, parked on spoq.provisioning.failed")
    public Waiting parked() {
        return new Waiting(parked.list());
    }

    @POST
    @Path("/parked/requeue")
    @Operation(summary = "Put the parked commands back on the provisioning queue")
    public Requeued requeue() {
        return new Requeued(parked.requeue());
    }

    @POST
    @Path("/reconcile")
    @Operation(summary = "Run one reconciler pass now (database against the engine) and say how long it took")
    public Pass reconcile() {
        long started = System.nanoTime();
        int sent = reconciler.reconcile();
        return new Pass(sent, (System.nanoTime() - started) / 1_000_000);
    }

    @GET
    @Path("/commands")
    @Operation(summary = "Provisioning commands waiting on the queue (browsed, not taken)")
    public Waiting waiting() {
        return new Waiting(queue.waiting());
    }
}
