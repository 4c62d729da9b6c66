package dev.spoq.cloud.provisioning.swarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spoq.cloud.provisioning.ContainerSpec;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwarmServiceSpecTest {

    private final ContainerSpec spec = new ContainerSpec(UUID.randomUUID(), "alice", "127.0.0.1:5000/spoq/user:abc",
            1_000_000_000L, 2L << 30, 512, 20001);

    @Test
    void carriesTheLimitsLabelsVolumeAndHostModePort() {
        ObjectNode service = SwarmServiceSpec.of(spec, "spoq-users", 1);
        assertEquals("spoq-alice", service.get("Name").asText());
        assertEquals(512, service.at("/TaskTemplate/Resources/Limits/Pids").asLong());
        assertEquals(2L << 30, service.at("/TaskTemplate/Resources/Limits/MemoryBytes").asLong());
        assertEquals("spoq-home-alice", service.at("/TaskTemplate/ContainerSpec/Mounts/0/Source").asText());
        assertEquals("host", service.at("/EndpointSpec/Ports/0/PublishMode").asText());
        assertEquals(spec.userId().toString(), service.at("/Labels/spoq.user").asText());
        assertEquals("spoq-users", service.at("/TaskTemplate/Networks/0/Target").asText());
    }

    @Test
    void dockersNormalisedCopyIsNotAChangeButANewLimitIs() {
        ObjectNode wanted = SwarmServiceSpec.of(spec, "spoq-users", 1);
        ObjectNode stored = wanted.deepCopy();
        ((ObjectNode) stored.at("/TaskTemplate/ContainerSpec")).put("Image", spec.image() + "@sha256:0123")
                .put("Isolation", "default");
        ((ObjectNode) stored.at("/TaskTemplate/Networks/0")).put("Target", "x7k2network1d");
        stored.putObject("UpdateConfig").put("Parallelism", 1);
        assertFalse(SwarmServiceSpec.differs(wanted, stored));

        ((ObjectNode) stored.at("/TaskTemplate/Resources/Limits")).put("MemoryBytes", 1L << 30);
        assertTrue(SwarmServiceSpec.differs(wanted, stored));
    }

    @Test
    void aSuspendedServiceDiffersFromOneThatShouldRun() {
        assertTrue(SwarmServiceSpec.differs(SwarmServiceSpec.of(spec, "spoq-users", 1),
                SwarmServiceSpec.of(spec, "spoq-users", 0)));
    }

    @Test
    void suspendingKeepsTheSpecButRunsNoReplica() {
        ObjectNode running = SwarmServiceSpec.of(spec, "spoq-users", 1);
        ObjectNode suspended = SwarmServiceSpec.withReplicas(running, 0);
        assertEquals(0, suspended.at("/Mode/Replicated/Replicas").asInt());
        assertEquals(1, running.at("/Mode/Replicated/Replicas").asInt(), "the stored spec is not changed");
        assertFalse(SwarmServiceSpec.differs(SwarmServiceSpec.of(spec, "spoq-users", 0), suspended));
    }
}
