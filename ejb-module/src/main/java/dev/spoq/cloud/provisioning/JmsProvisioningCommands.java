package dev.spoq.cloud.provisioning;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.json.Json;

import java.util.UUID;

/** Puts a small JSON command (ids only) on the persistent provisioning queue. */
@ApplicationScoped
public class JmsProvisioningCommands implements ProvisioningCommands {

    static final String ENSURE = "ensure";

    @Inject
    @JMSConnectionFactory("jms/spoqConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/provisioningQueue")
    Queue queue;

    @Override
    public void requestEnsure(UUID userId, String subdomain) {
        String body = Json.createObjectBuilder()
                .add("action", ENSURE)
                .add("user_id", userId.toString())
                .add("subdomain", subdomain)
                .build().toString();
        jms.createProducer().setProperty("spoq_user_id", userId.toString()).send(queue, body);
    }
}
