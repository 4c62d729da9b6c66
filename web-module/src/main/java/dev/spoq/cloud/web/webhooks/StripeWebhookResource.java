package dev.spoq.cloud.web.webhooks;

import dev.spoq.cloud.billing.StripeWebhooks;
import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stripe's webhook endpoint. The body is read as the exact bytes Stripe signed (no JSON binding before the
 * signature is checked); the answer is quick, the handling happens on the billing queue.
 */
@Path("/webhooks/stripe")
@Tag(name = "Webhooks")
public class StripeWebhookResource {

    /** Stripe's events are a few kB; anything far larger is no event of theirs. */
    private static final int MAX_BYTES = 512 * 1024;

    @Inject
    StripeWebhooks webhooks;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stripe events (signed with the endpoint's secret)", hidden = true)
    public Map<String, Object> receive(@HeaderParam("Stripe-Signature") String signature, InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new SpoqProblem(ProblemKind.TOO_LARGE, "too-large", "body", "A Stripe event is far smaller than this.");
        }
        StripeWebhooks.Receipt receipt = webhooks.receive(new String(bytes, StandardCharsets.UTF_8), signature);
        return Map.of("received", true, "duplicate", receipt == StripeWebhooks.Receipt.DUPLICATE);
    }
}
