package dev.spoq.cloud.provisioning;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes provisioning commands off the queue. Anything it cannot handle is rethrown: the message is
 * then redelivered a few times and, if it keeps failing (a poison message), moved to the exception
 * destination spoq.provisioning.failed instead of looping.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "jms/provisioningQueue"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class ProvisioningConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ProvisioningConsumer.class.getName());

    @Inject
    ProvisioningWork work;

    @Override
    public void onMessage(Message message) {
        try {
            if (!(message instanceof TextMessage text)) {
                throw new IllegalArgumentException("Provisioning commands are text messages, got " + message.getClass().getSimpleName());
            }
            // when it was sent, or when its delivery delay ended: the queue's hand-off starts there
            long sentAt = Math.max(message.getJMSTimestamp(), message.getJMSDeliveryTime());
            work.perform(ProvisioningCommand.parse(text.getText()), sentAt > 0 ? Instant.ofEpochMilli(sentAt) : Instant.now());
        } catch (JMSException e) {
            throw new IllegalStateException("Could not read a provisioning command", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Provisioning command failed; it will be redelivered, then parked on spoq.provisioning.failed", e);
            throw e;
        }
    }
}
