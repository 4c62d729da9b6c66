package dev.spoq.cloud.web.api;

import dev.spoq.cloud.profile.LinuxUsername;
import dev.spoq.cloud.profile.Profile;
import dev.spoq.cloud.profile.ProfileService;
import dev.spoq.cloud.subdomain.ClaimedSubdomain;
import dev.spoq.cloud.subdomain.SubdomainService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/setup")
@Authenticated
@Tag(name = "Setup")
@SecurityRequirement(name = "bearer")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SetupResource {

    @Inject
    SubdomainService subdomains;

    @Inject
    ProfileService profiles;

    @Inject
    Caller caller;

    @Inject
    ClientAddresses addresses;

    @Context
    HttpServletRequest http;

    public record Claimed(String subdomain, String status, String host) {
    }

    public record CreatedProfile(UUID profileId, String username) {
    }

    @POST
    @Path("/subdomain")
    @Operation(summary = "Claim your address", description = "One per account. Creates your computer (status pending) and starts provisioning.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Claimed.class)))
    @APIResponse(responseCode = "200", description = "You already own this address")
    @APIResponse(responseCode = "409", description = "Taken, or you already have another address")
    @APIResponse(responseCode = "429", description = "Too many claims from your address, or from everyone; see Retry-After")
    public Response claimSubdomain(ApiRequests.SubdomainClaim body) {
        ClaimedSubdomain claimed = subdomains.claim(caller.userId(), body.subdomain(), addresses.of(http));
        return Response.status(claimed.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(new Claimed(claimed.subdomain(), claimed.status(), claimed.host())).build();
    }

    @POST
    @Path("/profile")
    @Operation(summary = "Create a profile (your Linux login)", description = "At most 2 per account; " + LinuxUsername.PATTERN + ", not a system name.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedProfile.class)))
    public Response createProfile(ApiRequests.ProfileRequest body) {
        Profile profile = profiles.create(caller.userId(), body.username());
        return Response.status(Response.Status.CREATED).entity(new CreatedProfile(profile.id(), profile.username())).build();
    }
}
