package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.sshroute.OpenSessions;
import dev.spoq.cloud.web.api.Ids;
import dev.spoq.cloud.web.api.JsonRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** The SSH gateway's re-check of its open sessions: which of these devices have lost access, and why. */
@Path("/internal/gateway/sessions")
@InternalOnly
@Tag(name = "Internal")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GatewaySessionsResource {
    @Inject
    OpenSessions sessions;

    @JsonRequest
    public record OpenDevices(@Schema(maxItems = OpenSessions.MAX_DEVICES_PER_CHECK,
            description = "the devices of the sessions the gateway holds (none when absent)") List<String> deviceIds) {
    }

    public record EndedSessions(@Schema(description = "devices whose sessions must end now, each with the words its user reads")
                                List<OpenSessions.Ended> ended) {
    }

    @POST
    @Operation(summary = "Of these devices, which have lost access (device or profile removed, subscription ended, "
            + "computer suspended or deleted); the gateway ends their sessions")
    public EndedSessions check(OpenDevices body) {
        List<String> raw = body.deviceIds();
        if (raw.size() > OpenSessions.MAX_DEVICES_PER_CHECK) {
            throw SpoqProblem.invalid("device_ids", "'device_ids' may hold at most " + OpenSessions.MAX_DEVICES_PER_CHECK
                    + " ids; send the rest in another call.");
        }
        List<UUID> ids = raw.stream().map(id -> Ids.parse("device_ids", id)).toList();
        return new EndedSessions(sessions.ended(ids));
    }
}
