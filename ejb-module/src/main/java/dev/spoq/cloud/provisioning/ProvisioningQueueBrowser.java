package dev.spoq.cloud.provisioning;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Lets operators see the provisioning commands waiting on the queue without taking them off (a JMS queue browser). */
@Stateless
public class ProvisioningQueueBrowser {

    @Inject
    @JMSConnectionFactory("jms/spoqConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/provisioningQueue")
    Queue queue;

    public List<QueuedCommand> waiting() {
        List<QueuedCommand> commands = new ArrayList<>();
        try (QueueBrowser browser = jms.createBrowser(queue)) {
            for (Message message : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                if (message instanceof TextMessage text) {
                    JsonObject json = Json.createReader(new StringReader(text.getText())).readObject();
                    commands.add(new QueuedCommand(json.getString("user_id", null),
                            json.getString("subdomain", null), json.getString("action", null)));
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Could not browse the provisioning queue", e);
        }
        return commands;
    }
}
