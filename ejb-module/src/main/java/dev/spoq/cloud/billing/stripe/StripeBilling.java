package dev.spoq.cloud.billing.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.spoq.cloud.billing.Billing;
import dev.spoq.cloud.billing.BillingSettings;
import dev.spoq.cloud.billing.PaidSubscription;
import dev.spoq.cloud.billing.Plan;
import dev.spoq.cloud.billing.WebhookEvent;
import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@link Billing} on Stripe (stripe-java): customers, Checkout Sessions in subscription mode, Customer Portal
 * sessions, subscriptions, and webhook signatures. The API's address is configuration
 * ({@code spoq.stripe.api-base}), so tests point it at a local stand-in.
 */
@ApplicationScoped
public class StripeBilling implements Billing {

    private static final Logger LOG = Logger.getLogger(StripeBilling.class.getName());
    /** Stripe's own recommendation: older deliveries are refused as possible replays. */
    static final Duration SIGNATURE_TOLERANCE = Duration.ofMinutes(5);
    private static final String SIGNATURE_FIELD = "stripe_signature";

    @Inject
    @ConfigProperty(name = "spoq.stripe.secret-key") // unset on a developer's machine: MicroProfile Config has no empty default
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "spoq.stripe.webhook-secret")
    Optional<String> webhookSecret;

    @Inject
    @ConfigProperty(name = "spoq.stripe.api-base", defaultValue = "https://api.stripe.com")
    String apiBase;

    @Inject
    BillingSettings settings;

    private StripeClient client;

    @PostConstruct
    void connect() {
        if (secretKey.filter(key -> !key.isBlank()).isEmpty()) {
            LOG.warning("spoq.stripe.secret-key is not set: checkout and the billing portal answer 'billing unavailable'");
        }
        client = StripeClient.builder().setApiKey(secretKey.filter(key -> !key.isBlank()).orElse("sk_not_configured"))
                .setApiBase(apiBase).setConnectTimeout(5_000).setReadTimeout(20_000).setMaxNetworkRetries(2).build();
    }

    @Override
    public String createCustomer(UUID userId, String email) {
        CustomerCreateParams params = CustomerCreateParams.builder().setEmail(email)
                .putMetadata("user_id", userId.toString()).build();
        // the same key for the same user: a retried or concurrent first checkout makes one customer
        RequestOptions once = RequestOptions.builder().setIdempotencyKey("spoq-customer-" + userId).build();
        return call(() -> client.customers().create(params, once).getId());
    }

    @Override
    public String checkoutUrl(String customerId, UUID userId, Plan plan, String returnUrl) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .setClientReferenceId(userId.toString())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(settings.priceOf(plan)).setQuantity(1L).build())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().putMetadata("user_id", userId.toString()).build())
                .setSuccessUrl(returnUrl + "?checkout=done")
                .setCancelUrl(returnUrl)
                .build();
        return call(() -> client.checkout().sessions().create(params).getUrl());
    }

    @Override
    public String portalUrl(String customerId, String returnUrl) {
        com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams.builder()
                .setCustomer(customerId).setReturnUrl(returnUrl).build();
        return call(() -> client.billingPortal().sessions().create(params).getUrl());
    }

    @Override
    public Optional<PaidSubscription> currentSubscription(String customerId) {
        SubscriptionListParams params = SubscriptionListParams.builder().setCustomer(customerId)
                .setStatus(SubscriptionListParams.Status.ALL).setLimit(20L).build();
        return call(() -> client.subscriptions().list(params).getData()).stream()
                .map(this::toDomain)
                .sorted(Comparator.comparing((PaidSubscription s) -> s.state() == PaidSubscription.State.ENDED)
                        .thenComparing(PaidSubscription::created, Comparator.reverseOrder()))
                .findFirst();
    }

    @Override
    public void cancelSubscription(String subscriptionId) {
        RequestOptions once = RequestOptions.builder().setIdempotencyKey("spoq-cancel-" + subscriptionId).build();
        call(() -> client.subscriptions().cancel(subscriptionId, once));
    }

    @Override
    public WebhookEvent verifiedEvent(String payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw SpoqProblem.invalid(SIGNATURE_FIELD, "The Stripe-Signature header is missing.");
        }
        if (webhookSecret.filter(secret -> !secret.isBlank()).isEmpty()) {
            throw SpoqProblem.invalid(SIGNATURE_FIELD, "No webhook secret is configured (spoq.stripe.webhook-secret), so no signature can be checked.");
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signatureHeader, webhookSecret.get(), SIGNATURE_TOLERANCE.toSeconds());
        } catch (SignatureVerificationException e) {
            throw SpoqProblem.invalid(SIGNATURE_FIELD, "The Stripe-Signature does not match this payload, or it is older than 5 minutes.");
        } catch (RuntimeException notAnEvent) {
            throw SpoqProblem.invalid("body", "The payload is not a Stripe event.");
        }
        if (event.getId() == null || event.getType() == null) {
            throw SpoqProblem.invalid("body", "The payload is not a Stripe event.");
        }
        // the raw object, not stripe-java's typed one: an endpoint pinned to another API version still works
        JsonObject object = objectOf(event.getDataObjectDeserializer().getRawJson());
        Optional<String> customer = "customer".equals(text(object, "object").orElse(null))
                ? text(object, "id") : idOf(object.get("customer"));
        return new WebhookEvent(event.getId(), event.getType(), customer, text(object, "client_reference_id"));
    }

    private PaidSubscription toDomain(Subscription subscription) {
        Optional<SubscriptionItem> item = subscription.getItems() == null || subscription.getItems().getData() == null
                ? Optional.empty() : subscription.getItems().getData().stream().findFirst();
        Optional<Plan> plan = item.map(SubscriptionItem::getPrice).flatMap(price -> settings.planOfPrice(price.getId()));
        Long periodEnd = item.map(SubscriptionItem::getCurrentPeriodEnd).orElse(null);
        return new PaidSubscription(subscription.getId(), stateOf(subscription.getStatus()), plan,
                periodEnd == null ? null : Instant.ofEpochSecond(periodEnd),
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()),
                Instant.ofEpochSecond(subscription.getCreated() == null ? 0 : subscription.getCreated()));
    }

    static PaidSubscription.State stateOf(String status) {
        return switch (status == null ? "" : status) {
            case "active", "trialing" -> PaidSubscription.State.PAYING;
            case "past_due" -> PaidSubscription.State.PAST_DUE;
            case "incomplete" -> PaidSubscription.State.PENDING;
            default -> PaidSubscription.State.ENDED; // canceled, unpaid, incomplete_expired, paused
        };
    }

    private static JsonObject objectOf(String rawJson) {
        if (rawJson == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = Json.createReader(new StringReader(rawJson))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        } catch (JsonException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static Optional<String> text(JsonObject object, String member) {
        return object.get(member) instanceof JsonString value ? Optional.of(value.getString()) : Optional.empty();
    }

    /** A reference is an id, or the object itself when it was expanded. */
    private static Optional<String> idOf(JsonValue reference) {
        if (reference instanceof JsonString id) {
            return Optional.of(id.getString());
        }
        return reference instanceof JsonObject expanded ? text(expanded, "id") : Optional.empty();
    }

    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    private static <T> T call(StripeCall<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            LOG.warning("Stripe refused or could not be reached: " + e.getMessage());
            throw new SpoqProblem(ProblemKind.UPSTREAM_FAILED, "billing-unavailable", null,
                    "Billing is not reachable right now. Try again in a minute.");
        }
    }
}
