package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.backup.Backups;
import dev.spoq.cloud.web.api.ClientAddresses;
import dev.spoq.cloud.web.api.JsonRequest;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Puts a computer's home back from one of its snapshots. Synchronous: the answer comes once the computer runs
 * on the restored files (an operator usually waits on the phone with the user), or says why nothing changed.
 */
@Path("/internal/containers/{id}/restore")
@InternalOnly
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class ContainerRestoreResource {

    @Inject
    Backups backups;

    @Inject
    ClientAddresses addresses;

    @Context
    HttpServletRequest http;

    @JsonRequest
    public record RestoreRequest(@Schema(required = true, description = "a snapshot id of this computer's home (GET /internal/backups)")
                                 String snapshot) {
    }

    public record Restored(String snapshotId, UUID containerId, String subdomain, double seconds) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Restore the computer's home from one of its snapshots (the computer restarts on the restored files)")
    public Restored restore(@PathParam("id") UUID id, RestoreRequest body) {
        Backups.Restored restored = backups.restore(id, body == null ? null : body.snapshot(),
                addresses.of(http));
        return new Restored(restored.snapshotId(), restored.containerId(), restored.subdomain(), restored.took().toMillis() / 1000.0);
    }
}
