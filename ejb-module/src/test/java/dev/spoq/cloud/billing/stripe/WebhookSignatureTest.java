package dev.spoq.cloud.billing.stripe;

import dev.spoq.cloud.billing.WebhookEvent;
import dev.spoq.cloud.problem.SpoqProblem;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Webhook deliveries signed as Stripe signs them: t=<unix>,v1=<HMAC-SHA256 of "t.payload">. */
class WebhookSignatureTest {

    private static final String SECRET = "whsec_unit_test";

    private static StripeBilling billing() {
        StripeBilling billing = new StripeBilling();
        billing.webhookSecret = java.util.Optional.of(SECRET);
        return billing;
    }

    static String sign(String payload, long unixSeconds, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String v1 = HexFormat.of().formatHex(mac.doFinal((unixSeconds + "." + payload).getBytes(StandardCharsets.UTF_8)));
        return "t=" + unixSeconds + ",v1=" + v1;
    }

    private static String event(String type, String object) {
        // an API version other than stripe-java's: an endpoint may be pinned to an older one
        return "{\"id\":\"evt_1\",\"object\":\"event\",\"api_version\":\"2023-10-16\",\"created\":1764676800,"
                + "\"type\":\"" + type + "\",\"livemode\":false,\"pending_webhooks\":1,"
                + "\"request\":{\"id\":null,\"idempotency_key\":null},\"data\":{\"object\":" + object + "}}";
    }

    @Test
    void aFreshSignatureOpensTheEventAndNamesItsCustomer() throws Exception {
        String payload = event("checkout.session.completed",
                "{\"id\":\"cs_1\",\"object\":\"checkout.session\",\"customer\":\"cus_9\",\"client_reference_id\":\"u-1\",\"mode\":\"subscription\"}");

        WebhookEvent event = billing().verifiedEvent(payload, sign(payload, Instant.now().getEpochSecond(), SECRET));

        assertEquals(new WebhookEvent("evt_1", "checkout.session.completed", Optional.of("cus_9"), Optional.of("u-1")), event);
    }

    @Test
    void aCustomerEventNamesItselfAndAnExpandedCustomerItsId() throws Exception {
        String own = event("customer.updated", "{\"id\":\"cus_7\",\"object\":\"customer\"}");
        String expanded = event("invoice.paid", "{\"id\":\"in_1\",\"object\":\"invoice\",\"customer\":{\"id\":\"cus_8\",\"object\":\"customer\"}}");
        long now = Instant.now().getEpochSecond();

        assertEquals(Optional.of("cus_7"), billing().verifiedEvent(own, sign(own, now, SECRET)).customerId());
        assertEquals(Optional.of("cus_8"), billing().verifiedEvent(expanded, sign(expanded, now, SECRET)).customerId());
    }

    @Test
    void aWrongSecretAChangedBodyAnOldSignatureOrNoneAreRefusedOnTheSignatureField() throws Exception {
        String payload = event("invoice.paid", "{\"id\":\"in_1\",\"object\":\"invoice\",\"customer\":\"cus_1\"}");
        long now = Instant.now().getEpochSecond();

        for (String header : new String[]{sign(payload, now, "whsec_other"), sign(payload.replace("cus_1", "cus_2"), now, SECRET),
                sign(payload, now - 301, SECRET), "", "garbage"}) {
            SpoqProblem refused = assertThrows(SpoqProblem.class, () -> billing().verifiedEvent(payload, header), header);
            assertEquals("stripe_signature", refused.field(), header);
            assertEquals(400, refused.kind().httpStatus());
        }
        SpoqProblem missing = assertThrows(SpoqProblem.class, () -> billing().verifiedEvent(payload, null));
        assertEquals("stripe_signature", missing.field());
    }

    @Test
    void stripesStatusesMapOntoTheLifecycle() {
        assertEquals("PAYING", StripeBilling.stateOf("active").name());
        assertEquals("PAYING", StripeBilling.stateOf("trialing").name());
        assertEquals("PAST_DUE", StripeBilling.stateOf("past_due").name());
        assertEquals("PENDING", StripeBilling.stateOf("incomplete").name());
        for (String ended : new String[]{"canceled", "unpaid", "incomplete_expired", "paused"}) {
            assertEquals("ENDED", StripeBilling.stateOf(ended).name(), ended);
        }
    }
}
