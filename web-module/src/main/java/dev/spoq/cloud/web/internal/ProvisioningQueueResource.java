package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.ProvisioningHistory;
import dev.spoq.cloud.provisioning.ProvisioningQueueBrowser;
import dev.spoq.cloud.provisioning.QueuedCommand;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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

    @GET
    @Path("/commands")
    @Operation(summary = "Provisioning commands waiting on the queue (browsed, not taken)")
    public Waiting waiting() {
        return new Waiting(queue.waiting());
    }
}
