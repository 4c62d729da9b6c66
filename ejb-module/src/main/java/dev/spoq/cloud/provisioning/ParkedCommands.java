package dev.spoq.cloud.provisioning;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConsumer;
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
import java.util.Enumeration;
import java.util.List;

/**
 * Provisioning commands that failed every redelivery and were parked on the exception destination
 * (spoq.provisioning.failed, see liberty-config/server.xml): operators see them and put them back on the queue once
 * the cause is fixed. A command is safe to repeat, and the consumer reads fresh state, so a re-queued old one only
 * does what is still wanted.
 */
@Stateless
public class ParkedCommands {

    /** One call moves at most this many, so that a flood of parked commands is handled in bounded steps. */
    public static final int MAX_PER_REQUEUE = 1000;

    @Inject
    @JMSConnectionFactory("jms/spoqConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/provisioningFailedQueue")
    Queue parked;

    @Resource(lookup = "jms/provisioningQueue")
    Queue provisioning;

    public List<QueuedCommand> list() {
        List<QueuedCommand> commands = new ArrayList<>();
        try (QueueBrowser browser = jms.createBrowser(parked)) {
            @SuppressWarnings("unchecked")
            Enumeration<Message> messages = browser.getEnumeration();
            for (Message message : Collections.list(messages)) {
                commands.add(describe(message));
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Could not browse the parked provisioning commands", e);
        }
        return commands;
    }

    /** Moves the parked commands back onto the provisioning queue, in this transaction; returns how many. */
    public int requeue() {
        int moved = 0;
        try (JMSConsumer consumer = jms.createConsumer(parked)) {
            Message message;
            while (moved < MAX_PER_REQUEUE && (message = consumer.receive(250)) != null) {
                if (message instanceof TextMessage text) {
                    jms.createProducer().setProperty("spoq_user_id", message.getStringProperty("spoq_user_id"))
                            .send(provisioning, text.getText());
                    moved++;
                }
                // anything else was never a command of ours: taking it off is all it deserves
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Could not re-queue the parked provisioning commands", e);
        }
        return moved;
    }

    private static QueuedCommand describe(Message message) throws JMSException {
        if (!(message instanceof TextMessage text)) {
            return new QueuedCommand(null, null, "not a command: " + message.getClass().getSimpleName());
        }
        try {
            JsonObject json = Json.createReader(new StringReader(text.getText())).readObject();
            return new QueuedCommand(json.getString("user_id", null), json.getString("subdomain", null),
                    json.getString("action", null));
        } catch (RuntimeException e) {
            return new QueuedCommand(null, null, "unreadable: " + e.getMessage());
        }
    }
}
