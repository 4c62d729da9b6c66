package dev.spoq.cloud.provisioning;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;

import java.time.Duration;

/** {@link ProvisioningRequests} over JMS: puts a small JSON command (ids only) on the persistent provisioning queue. */
@ApplicationScoped
public class JmsProvisioningRequests implements ProvisioningRequests {

    @Inject
    @JMSConnectionFactory("jms/spoqConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/provisioningQueue")
    Queue queue;

    @Override
    public void request(ProvisioningCommand command, Duration delay) {
        JMSProducer producer = jms.createProducer().setProperty("spoq_user_id", command.userId().toString());
        if (!delay.isZero()) {
            producer.setDeliveryDelay(delay.toMillis());
        }
        producer.send(queue, command.toJson());
    }
}
