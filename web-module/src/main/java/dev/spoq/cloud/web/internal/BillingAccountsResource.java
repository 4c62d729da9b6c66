package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.billing.BillingHistory;
import dev.spoq.cloud.billing.BillingService;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.web.api.JsonRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Operators: each account's plan and billing status, its billing history, and moving a trial's end. */
@Path("/internal/billing/accounts")
@InternalOnly
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class BillingAccountsResource {

    @Inject
    BillingService billing;

    @Inject
    BillingHistory history;

    @JsonRequest
    public record TrialEnd(@Schema(required = true, description = "ISO-8601, e.g. 2027-01-31T00:00:00Z") String trialEndsAt) {
        Instant instant() {
            try {
                return Instant.parse(trialEndsAt.strip());
            } catch (DateTimeParseException e) {
                throw SpoqProblem.invalid("trial_ends_at", "Give the new end of the trial as an ISO-8601 instant, e.g. 2027-01-31T00:00:00Z.");
            }
        }
    }

    public record Account(BillingService.OperatorRow account, List<BillingHistory.Entry> audit,
                          List<BillingHistory.StripeEvent> stripeEvents) {
    }

    @GET
    @Operation(summary = "Every account's plan and billing status (newest accounts first, at most 1000)")
    public List<BillingService.OperatorRow> all() {
        return billing.accounts();
    }

    @GET
    @Path("/{userId}")
    @Operation(summary = "One account's billing, with its billing audit rows and the Stripe events received for it")
    public Account one(@PathParam("userId") UUID userId) {
        return new Account(billing.account(userId), history.audit(userId), history.events(userId));
    }

    @PUT
    @Path("/{userId}/trial-end")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the end of an account's trial (support: a few more days)")
    public BillingService.OperatorRow moveTrialEnd(@PathParam("userId") UUID userId, TrialEnd body) {
        return billing.setTrialEnd(userId, body.instant());
    }
}
