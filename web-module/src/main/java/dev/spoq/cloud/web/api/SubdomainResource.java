package dev.spoq.cloud.web.api;

import dev.spoq.cloud.subdomain.SubdomainAvailability;
import dev.spoq.cloud.subdomain.SubdomainService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/subdomain")
@Tag(name = "Address")
@Produces(MediaType.APPLICATION_JSON)
public class SubdomainResource {

    @Inject
    SubdomainService subdomains;

    @GET
    @Path("/check/{name}")
    @Operation(summary = "Is this address free?",
            description = "available, and if not the reason (taken, reserved, invalid) with a human detail.")
    public SubdomainAvailability check(@PathParam("name") String name) {
        return subdomains.check(name);
    }
}
