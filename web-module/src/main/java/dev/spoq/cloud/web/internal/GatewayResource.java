package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.gateway.GatewayRoute;
import dev.spoq.cloud.gateway.GatewayRouting;
import dev.spoq.cloud.web.api.JsonBody;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;

/** What the SSH gateway asks: where does (login, key) go, and "this device just logged in". */
@Path("/internal/gateway")
@InternalOnly
@Tag(name = "Internal")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GatewayResource {

    @Inject
    GatewayRouting routing;

    @POST
    @Path("/route")
    @Operation(summary = "Route a login: the key names the account, the login name its profile")
    public GatewayRoute route(InputStream body) {
        JsonBody json = JsonBody.read(body);
        return routing.route(json.requiredString("username"), json.requiredString("public_key"));
    }

    @POST
    @Path("/connected")
    @Operation(summary = "Record that a device has just logged in (devices.last_connected_at)")
    public Response connected(InputStream body) {
        routing.connected(JsonBody.read(body).requiredUuid("device_id"));
        return Response.noContent().build();
    }
}
