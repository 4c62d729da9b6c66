package dev.spoq.cloud.billing;

import java.util.Optional;

/**
 * A verified webhook event, reduced to what handling needs: which customer it concerns. What it says about the
 * subscription is not used: events come in any order, so the handler asks the provider for the current state.
 *
 * @param clientReferenceId the user id a checkout session carries, when the event is about one
 */
public record WebhookEvent(String id, String type, Optional<String> customerId, Optional<String> clientReferenceId) {
}
