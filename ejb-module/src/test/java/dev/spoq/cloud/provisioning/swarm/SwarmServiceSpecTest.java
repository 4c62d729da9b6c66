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
            1_000_000_000L, 2L << 30, 512, 20001, 10L << 30);
    private static final String DISK = "/var/lib/spoq/disks/alice/home";
    private static final String NODE = "n0de1d";

    @Test
    void carriesTheLimitsLabelsVolumeAndHostModePort() {
        ObjectNode service = SwarmServiceSpec.of(spec, "spoq-users", 1, DISK, NODE);
        assertEquals("spoq-alice", service.get("Name").asText());
        assertEquals(512, service.at("/TaskTemplate/Resources/Limits/Pids").asLong());
        assertEquals(2L << 30, service.at("/TaskTemplate/Resources/Limits/MemoryBytes").asLong());
        assertEquals("spoq-home-alice", service.at("/TaskTemplate/ContainerSpec/Mounts/0/Source").asText());
        assertEquals("host", service.at("/EndpointSpec/Ports/0/PublishMode").asText());
        assertEquals(spec.userId().toString(), service.at("/Labels/spoq.user").asText());
        assertEquals("spoq-users", service.at("/TaskTemplate/Networks/0/Target").asText());
        assertEquals("bind", service.at("/TaskTemplate/ContainerSpec/Mounts/0/VolumeOptions/DriverConfig/Options/o").asText());
        assertEquals(DISK, service.at("/TaskTemplate/ContainerSpec/Mounts/0/VolumeOptions/DriverConfig/Options/device").asText());
        assertEquals("node.id==" + NODE, service.at("/TaskTemplate/Placement/Constraints/0").asText());
    }

    @Test
    void aServiceStillOnAPlainVolumeIsUpdatedToItsDisk() {
        ObjectNode wanted = SwarmServiceSpec.of(spec, "spoq-users", 1, DISK, NODE);
        ObjectNode older = wanted.deepCopy();
        ((ObjectNode) older.at("/TaskTemplate/ContainerSpec/Mounts/0/VolumeOptions")).remove("DriverConfig");
        assertTrue(SwarmServiceSpec.differs(wanted, older));
    }

    @Test
    void dockersNormalisedCopyIsNotAChangeButANewLimitIs() {
        ObjectNode wanted = SwarmServiceSpec.of(spec, "spoq-users", 1, DISK, NODE);
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
    void dropsTheCapabilitiesAComputerDoesNotNeedAndAServiceWithAllOfThemIsUpdated() {
        ObjectNode wanted = SwarmServiceSpec.of(spec, "spoq-users", 1, DISK, NODE);
        assertEquals("[\"CAP_MKNOD\",\"CAP_NET_RAW\",\"CAP_SETFCAP\",\"CAP_SETPCAP\"]",
                wanted.at("/TaskTemplate/ContainerSpec/CapabilityDrop").toString());
        ObjectNode older = wanted.deepCopy();
        ((ObjectNode) older.at("/TaskTemplate/ContainerSpec")).remove("CapabilityDrop");
        assertTrue(SwarmServiceSpec.differs(wanted, older));
    }

    @Test
    void anImagePinnedByDigestDiffersOnlyByItsDigest() {
        String pinned = SwarmServiceSpec.pinned("127.0.0.1:5000/spoq/user:abc", "sha256:0123");
        assertEquals("127.0.0.1:5000/spoq/user@sha256:0123", pinned);
        assertEquals("localhost/user@sha256:9", SwarmServiceSpec.pinned("localhost/user", "sha256:9"));
        ContainerSpec byDigest = new ContainerSpec(spec.userId(), "alice", pinned, 1_000_000_000L, 2L << 30, 512, 20001, 10L << 30);
        ObjectNode wanted = SwarmServiceSpec.of(byDigest, "spoq-users", 1, DISK, NODE);
        ObjectNode storedFromTag = wanted.deepCopy();
        ((ObjectNode) storedFromTag.at("/TaskTemplate/ContainerSpec")).put("Image", "127.0.0.1:5000/spoq/user:abc@sha256:0123");
        assertFalse(SwarmServiceSpec.differs(wanted, storedFromTag));
        ((ObjectNode) storedFromTag.at("/TaskTemplate/ContainerSpec")).put("Image", "127.0.0.1:5000/spoq/user:abc@sha256:4567");
        assertTrue(SwarmServiceSpec.differs(wanted, storedFromTag));
    }

    @Test
    void aSuspendedServiceDiffersFromOneThatShouldRun() {
        assertTrue(SwarmServiceSpec.differs(SwarmServiceSpec.of(spec, "spoq-users", 1, DISK, NODE),
                SwarmServiceSpec.of(spec, "spoq-users", 0, DISK, NODE)));
    }

    @Test
    void suspendingKeepsTheSpecButRunsNoReplica() {
        ObjectNode running = SwarmServiceSpec.of(spec, "spoq-users", 1, DISK, NODE);
        ObjectNode suspended = SwarmServiceSpec.withReplicas(running, 0);
        assertEquals(0, suspended.at("/Mode/Replicated/Replicas").asInt());
        assertEquals(1, running.at("/Mode/Replicated/Replicas").asInt(), "the stored spec is not changed");
        assertFalse(SwarmServiceSpec.differs(SwarmServiceSpec.of(spec, "spoq-users", 0, DISK, NODE), suspended));
    }
}
