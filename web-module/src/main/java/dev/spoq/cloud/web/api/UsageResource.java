package dev.spoq.cloud.web.api;

import dev.spoq.cloud.monitoring.UsageRange;
import dev.spoq.cloud.monitoring.UsageService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Your computer's usage: the last sample the platform took (every minute by default) and its history. Both read
 * what the sampler stored; neither asks the engine.
 */
@Path("/api/usage")
@Authenticated
@Tag(name = "Setup")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    @Inject
    UsageService usage;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Your computer's CPU (percent of its limit), memory and storage at the last sample")
    @APIResponse(responseCode = "200", description = "usage is null while the computer is not running",
            content = @Content(schema = @Schema(implementation = UsageService.Current.class)))
    @APIResponse(responseCode = "404", description = "This account has no computer")
    public UsageService.Current current() {
        return usage.current(caller.userId());
    }

    @GET
    @Path("/history")
    @Operation(summary = "Your computer's usage over the last 24 hours or 7 days, oldest first",
            description = "One point per bucket of step_seconds (the history keeps one point every few minutes, "
                    + "for 8 days by default); no points while the computer was not running.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = UsageService.History.class)))
    @APIResponse(responseCode = "400", description = "range is neither 24h nor 7d")
    @APIResponse(responseCode = "404", description = "This account has no computer")
    public UsageService.History history(@Parameter(description = "24h (the default) or 7d") @QueryParam("range") String range) {
        return usage.history(caller.userId(), UsageRange.of(range));
    }
}
