package dev.spoq.cloud.billing;

import java.util.Optional;
import java.util.UUID;

/**
 * The payment provider, as the platform needs it (Stripe behind it: {@code billing/stripe}). Calls go over the
 * network; a provider that cannot be reached throws {@link dev.spoq.cloud.problem.SpoqProblem} (upstream failed).
 */
public interface Billing {

    /** Makes the account's customer at the provider (once: the same user id gives the same customer). */
    String createCustomer(UUID userId, String email);

    /** A hosted checkout page that subscribes the customer to the plan; the user comes back to {@code returnUrl}. */
    String checkoutUrl(String customerId, UUID userId, Plan plan, String returnUrl);

    /** The provider's self-service page for the customer (change plan, card, cancel). */
    String portalUrl(String customerId, String returnUrl);

    /** The subscription that counts for the customer now, if they ever had one. */
    Optional<PaidSubscription> currentSubscription(String customerId);

    /** Ends the subscription now (no further charge); one that has already ended is left as it is. */
    void cancelSubscription(String subscriptionId);

    /**
     * Checks a webhook delivery's signature (and its age) and reads the event; anything else is refused with a
     * 400 problem on the field {@code stripe_signature} before the payload is looked at.
     */
    WebhookEvent verifiedEvent(String payload, String signatureHeader);
}
