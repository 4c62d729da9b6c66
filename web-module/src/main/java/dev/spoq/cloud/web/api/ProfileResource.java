package dev.spoq.cloud.web.api;

import dev.spoq.cloud.profile.ProfileService;
import dev.spoq.cloud.profile.RemovedProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/profiles")
@Authenticated
@Tag(name = "Profiles")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    @Inject
    ProfileService profiles;

    @Inject
    Caller caller;

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a profile",
            description = "Its devices are removed and its Linux user is locked at once (open sessions end within seconds); "
                    + "its home is kept until keep_home_until (spoq.profile.keep-home-days), then removed. "
                    + "A new profile of the same name before then gets the home back.")
    @APIResponse(responseCode = "200", description = "Removed", content = @Content(schema = @Schema(implementation = RemovedProfile.class)))
    @APIResponse(responseCode = "404", description = "No such profile in your account")
    public RemovedProfile remove(@PathParam("id") UUID id) {
        return profiles.remove(caller.userId(), id);
    }
}
