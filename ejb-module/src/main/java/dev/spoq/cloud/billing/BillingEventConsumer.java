package dev.spoq.cloud.billing;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Handles recorded Stripe events off the billing queue. A failure (Stripe unreachable) rolls the message back:
 * it is redelivered a few times and then parked on spoq.billing.failed; the sweep and the next event of the
 * same customer read Stripe's state again anyway.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "jms/billingQueue"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class BillingEventConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(BillingEventConsumer.class.getName());

    @Inject
    SubscriptionSync sync;

    @Override
    public void onMessage(Message message) {
        try {
            if (!(message instanceof TextMessage text)) {
                throw new IllegalArgumentException("Billing messages are text (an event id), got " + message.getClass().getSimpleName());
            }
            sync.handle(text.getText());
        } catch (JMSException e) {
            throw new IllegalStateException("Could not read a billing message", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A Stripe event could not be handled; it will be redelivered, then parked on spoq.billing.failed", e);
            throw e;
        }
    }
}
