package dev.spoq.cloud.gateway.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTest {
    @Test
    void readsTheControlPlanesJson() throws Exception {
        Route route = new ObjectMapper().readValue("""
                {"user_id":"u1","device_id":"d1","subdomain":"alice","linux_user":"alice","container_status":"running",
                 "status_reason":null,"upstream_host":"10.0.0.5","upstream_port":20001,
                 "upstream_host_keys":["ssh-ed25519 AAAA"],"subscription_status":"trial","something_new":1}
                """, Route.class);
        assertEquals("alice", route.linuxUser());
        assertEquals(20001, route.upstreamPort());
        assertEquals(ComputerState.READY, route.state());
    }

    @Test
    void statesAsTheGatewaySeesThem() {
        assertEquals(ComputerState.READY, route("running", "active", true).state());
        assertEquals(ComputerState.STARTING, route("running", "active", false).state(), "running but not yet published");
        assertEquals(ComputerState.STARTING, route("pending", "trial", false).state());
        assertEquals(ComputerState.STARTING, route("provisioning", "trial", false).state());
        assertEquals(ComputerState.FAILED, route("failed", "active", false).state());
        assertEquals(ComputerState.SUSPENDED, route("suspended", "active", false).state());
        assertEquals(ComputerState.SUSPENDED, route("running", "suspended", true).state(), "the subscription decides");
        assertEquals(ComputerState.SUSPENDED, route("running", "canceled", true).state());
        assertEquals(ComputerState.READY, route("running", "past_due", true).state(), "a failed payment still works");
        assertTrue(route("running", "past_due", true).paymentPastDue());
        assertEquals(ComputerState.GONE, route("deleting", "active", false).state());
        assertEquals(ComputerState.UNKNOWN, route("hibernating", "active", true).state());
    }

    private static Route route(String container, String subscription, boolean upstream) {
        return new Route("u", "d", "alice", "alice", container, null, upstream ? "127.0.0.1" : null, upstream ? 22 : null,
                upstream ? List.of("ssh-ed25519 AAAA") : null, subscription);
    }
}
