package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.provisioning.ProvisioningQueue;
import dev.spoq.cloud.provisioning.QueuedCommand;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/internal/provisioning")
@InternalOnly
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class ProvisioningQueueResource {

    @Inject
    ProvisioningQueue queue;

    public record Waiting(List<QueuedCommand> commands) {
    }

    @GET
    @Path("/commands")
    @Operation(summary = "Provisioning commands waiting on the queue (browsed, not taken)")
    public Waiting waiting() {
        return new Waiting(queue.waiting());
    }
}
