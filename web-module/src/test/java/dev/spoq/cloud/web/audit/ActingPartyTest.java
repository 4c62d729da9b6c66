package dev.spoq.cloud.web.audit;

import dev.spoq.cloud.audit.Actor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ActingPartyTest {

    @Test
    void theInternalApiIsAnOperatorsStripesWebhooksThePlatformsTheRestTheUsers() {
        assertEquals(Actor.operator(null), ActingParty.actorOf("/internal/containers/x/suspend"));
        assertEquals(Actor.system("stripe-webhook"), ActingParty.actorOf("/webhooks/stripe"));
        assertNull(ActingParty.actorOf("/api/devices/add"));
        assertNull(ActingParty.actorOf("/dashboard"));
        assertNull(ActingParty.actorOf("/internalish"), "only the /internal tree");
    }
}
