package dev.spoq.cloud.web.api;

import dev.spoq.cloud.device.AddedDevice;
import dev.spoq.cloud.device.DeviceNotice;
import dev.spoq.cloud.device.DeviceService;
import dev.spoq.cloud.device.DeviceView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/devices")
@Authenticated
@Tag(name = "Devices")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    @Inject
    DeviceService devices;

    @Inject
    Caller caller;

    /** notices: keys this account lost because their holder paired them with another account (newest first). */
    public record DeviceList(List<DeviceView> devices, List<DeviceNotice> notices) {
    }

    @POST
    @Path("/add")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a device to a profile",
            description = "Give ssh_public_key (one or more public key lines) or sshid_code (Termius SSH ID). "
                    + "Says which keys were added and why others were not. At most 2 devices per profile, 4 per account. "
                    + "A key not yet confirmed by this account awaits its first login: that SSH login asks for pairing_code once. "
                    + "A key another account has confirmed is refused (409 key-in-use); unconfirmed copies elsewhere are not.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = AddedDevice.class)))
    @APIResponse(responseCode = "404", description = "No such profile in your account, or unknown ssh.id code")
    @APIResponse(responseCode = "409", description = "Device limit reached, or the keys were confirmed by another account")
    @APIResponse(responseCode = "502", description = "ssh.id did not answer")
    public Response add(ApiRequests.DeviceRequest body) {
        AddedDevice added = devices.add(caller.userId(), body.profileId(), body.name(), body.sshPublicKey(), body.sshidCode());
        return Response.status(Response.Status.CREATED).entity(added).build();
    }

    @GET
    @Operation(summary = "Your devices, with key types, SHA256 fingerprints, last connection, and the pairing code of "
            + "those awaiting their first login; notices about keys paired with another account by their holder")
    @APIResponse(responseCode = "200", description = "Your devices", content = @Content(schema = @Schema(implementation = DeviceList.class)))
    public DeviceList list() {
        return new DeviceList(devices.list(caller.userId()), devices.notices(caller.userId()));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a device")
    @APIResponse(responseCode = "200", description = "Renamed", content = @Content(schema = @Schema(implementation = DeviceView.class)))
    @APIResponse(responseCode = "400", description = "Not 1 to 64 characters of one line: field name")
    @APIResponse(responseCode = "404", description = "No such device in your account")
    public DeviceView rename(@PathParam("id") UUID id, AccountRequests.DeviceRename body) {
        return devices.rename(caller.userId(), id, body.name());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a device; its keys stop working")
    @APIResponse(responseCode = "200", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such device in your account")
    public Map<String, Boolean> remove(@PathParam("id") UUID id) {
        devices.remove(caller.userId(), id);
        return Map.of("success", true);
    }
}
