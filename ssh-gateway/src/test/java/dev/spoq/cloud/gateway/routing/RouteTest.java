package dev.spoq.cloud.gateway.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The control plane's route answer, as the gateway reads it: one of three decisions, nothing to interpret. */
class RouteTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsAReadyDecision() throws Exception {
        Route route = json.readValue("""
                {"decision":"ready","device_id":"d1","subdomain":"alice","host":"10.0.0.5","port":20001,"user":"alice",
                 "host_keys":["ssh-ed25519 AAAA"],"message":null,"something_new":1}
                """, Route.class);
        assertEquals(new Route.Ready("d1", "alice", "10.0.0.5", 20001, "alice", List.of("ssh-ed25519 AAAA"), null), route);
    }

    @Test
    void readsAStartingDecision() throws Exception {
        Route route = json.readValue("""
                {"decision":"starting","device_id":"d1","subdomain":"alice","message":"Starting your Spoq computer..."}
                """, Route.class);
        assertEquals(new Route.Starting("d1", "alice", "Starting your Spoq computer..."), route);
    }

    @Test
    void readsARefusedDecision() throws Exception {
        Route route = json.readValue("""
                {"decision":"refused","message":"Your Spoq computer is suspended.","device_id":null}
                """, Route.class);
        assertEquals(new Route.Refused("Your Spoq computer is suspended."), route);
    }

    @Test
    void aReadyRouteWithoutANoticeHasNoMessage() throws Exception {
        Route route = json.readValue("""
                {"decision":"ready","device_id":"d1","subdomain":"alice","host":"h","port":22,"user":"alice","host_keys":["k"]}
                """, Route.class);
        assertNull(route.message());
    }

    @Test
    void aDecisionThisGatewayDoesNotKnowIsNoAnswerAtAll() {
        // a newer control plane: the client reports it as not the expected JSON, and the login is refused
        assertThrows(InvalidTypeIdException.class, () -> json.readValue("""
                {"decision":"hibernating","message":"zzz"}
                """, Route.class));
    }
}
