package dev.spoq.cloud.billing;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;
import java.util.UUID;

/**
 * Takes Stripe's webhook deliveries: the signature first (nothing is read or written for a delivery that fails
 * it), then the event is recorded once by its id and put on the billing queue in the same transaction; the
 * answer goes back at once and {@link BillingEventConsumer} handles the event. A redelivery finds the record
 * and is only acknowledged.
 */
@Stateless
public class StripeWebhooks {

    public enum Receipt { ACCEPTED, DUPLICATE }

    @PersistenceContext
    EntityManager em;

    @Inject
    Billing billing;

    @Inject
    BillingAccounts accounts;

    @Inject
    BillingEventQueue queue;

    public Receipt receive(String payload, String signatureHeader) {
        WebhookEvent event = billing.verifiedEvent(payload, signatureHeader);
        Optional<UUID> user = event.customerId().flatMap(accounts::userOfCustomer)
                .or(() -> event.clientReferenceId().flatMap(StripeWebhooks::uuid));
        int recorded = em.createNativeQuery("INSERT INTO stripe_events (id, type, customer_id, user_id) "
                        + "SELECT ?1, ?2, ?3, CAST(?4 AS uuid) WHERE ?4 IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = CAST(?4 AS uuid)) "
                        + "ON CONFLICT (id) DO NOTHING")
                .setParameter(1, event.id()).setParameter(2, event.type()).setParameter(3, event.customerId().orElse(null))
                .setParameter(4, user.map(UUID::toString).orElse(null)).executeUpdate();
        if (recorded == 0) {
            return Receipt.DUPLICATE;
        }
        queue.handleLater(event.id());
        return Receipt.ACCEPTED;
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }
}
