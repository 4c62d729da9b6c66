package dev.spoq.cloud.billing;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/** Puts a recorded webhook event's id on the persistent billing queue, inside the caller's transaction. */
@ApplicationScoped
public class BillingEventQueue {

    @Inject
    @JMSConnectionFactory("jms/spoqConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/billingQueue")
    Queue queue;

    public void handleLater(String eventId) {
        jms.createProducer().send(queue, eventId);
    }
}
