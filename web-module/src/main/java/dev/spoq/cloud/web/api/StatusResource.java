package dev.spoq.cloud.web.api;

import dev.spoq.cloud.account.AccountStatus;
import dev.spoq.cloud.account.AccountStatusService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/status")
@Authenticated
@Tag(name = "Setup")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Inject
    AccountStatusService status;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Your computer's status, profiles and devices")
    public AccountStatus status() {
        return status.of(caller.userId());
    }
}
