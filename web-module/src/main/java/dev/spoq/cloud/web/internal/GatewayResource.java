package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.sshroute.SshRoute;
import dev.spoq.cloud.sshroute.SshRouting;
import dev.spoq.cloud.web.api.JsonRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** What the SSH gateway asks: what to do with (login, key), is this the key's pairing code, and "this device just logged in". */
@Path("/internal/gateway")
@InternalOnly
@Tag(name = "Internal")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GatewayResource {

    @Inject
    SshRouting routing;

    @JsonRequest
    public record LoginAttempt(@Schema(required = true) String username,
                               @Schema(required = true, description = "the key the client signed with, as an authorized_keys line") String publicKey) {
    }

    @JsonRequest
    public record PairingAttempt(@Schema(required = true) String username,
                                 @Schema(required = true, description = "the key the client signed with, as an authorized_keys line") String publicKey,
                                 @Schema(required = true, description = "what the user typed at the pairing prompt") String code) {
    }

    @JsonRequest
    public record Connection(@Schema(required = true) UUID deviceId) {
    }

    @POST
    @Path("/route")
    @Operation(summary = "Decide a login: the key names the account, the login name its profile; "
            + "the answer's decision is ready {host, port, user, host_keys}, starting, refused, or pairing (the key is verified "
            + "but awaits its first login: let the client try its other keys, then ask for the code), with a message")
    public Response route(LoginAttempt body) {
        SshRoute route = routing.route(body.username(), body.publicKey());
        // the entity's own class (Ready, Starting, Refused) is what JSON-B writes, with its "decision" key;
        // declared as the interface, JSON-B would write an empty object
        return Response.ok(route).build();
    }

    @POST
    @Path("/pair")
    @Operation(summary = "Check the pairing code typed in a key's first login (only after its signature was verified): "
            + "the right code confirms the key in the account whose code it is and answers that login's decision like /route; "
            + "a wrong one answers pairing with why (wrong codes are counted, the fifth locks the device for 15 minutes)")
    public Response pair(PairingAttempt body) {
        return Response.ok(routing.pair(body.username(), body.publicKey(), body.code())).build();
    }

    @POST
    @Path("/connected")
    @Operation(summary = "Record that a device has just logged in (devices.last_connected_at)")
    public Response connected(Connection body) {
        routing.connected(body.deviceId());
        return Response.noContent().build();
    }
}
