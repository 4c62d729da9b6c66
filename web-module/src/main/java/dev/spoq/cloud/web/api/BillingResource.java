package dev.spoq.cloud.web.api;

import dev.spoq.cloud.billing.BillingOverview;
import dev.spoq.cloud.billing.BillingService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/billing")
@Authenticated
@Tag(name = "Billing")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class BillingResource {

    @Inject
    BillingService billing;

    @Inject
    Caller caller;

    /** Where the browser goes next: Stripe's hosted page. */
    public record Redirect(String url) {
    }

    @GET
    @Operation(summary = "Your plan, its status, the trial's end and the renewal date")
    public BillingOverview overview() {
        return billing.overview(caller.userId());
    }

    @POST
    @Path("/checkout")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe: a Stripe Checkout page for the plan",
            description = "Answers the page's url; after paying, Stripe sends the browser back to the dashboard.")
    public Redirect checkout(ApiRequests.PlanChoice body) {
        return new Redirect(billing.checkout(caller.userId(), body.plan()));
    }

    @POST
    @Path("/portal")
    @Operation(summary = "Stripe's Customer Portal: change plan or card, or cancel")
    public Redirect portal() {
        return new Redirect(billing.portal(caller.userId()));
    }
}
