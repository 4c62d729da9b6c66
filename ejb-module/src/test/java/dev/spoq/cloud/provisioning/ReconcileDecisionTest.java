package dev.spoq.cloud.provisioning;

import dev.spoq.cloud.provisioning.ObservedContainer.RunState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReconcileDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static Optional<ObservedContainer> observed(int replicas, RunState state) {
        return Optional.of(new ObservedContainer("alice", Optional.of(UUID.randomUUID()), replicas, state, "", "127.0.0.1"));
    }

    private static Optional<ProvisioningAction> decide(ContainerStatus status, Duration age, int failures,
                                                       Optional<ObservedContainer> observed) {
        return ReconcileDecision.decide(status, NOW.minus(age), failures, observed, NOW);
    }

    @Test
    void aFreshClaimIsLeftToItsMessageButALostOneIsProvisioned() {
        assertEquals(Optional.empty(), decide(ContainerStatus.PENDING, Duration.ofSeconds(3), 0, Optional.empty()));
        assertEquals(Optional.of(ProvisioningAction.ENSURE), decide(ContainerStatus.PENDING, Duration.ofSeconds(20), 0, Optional.empty()));
    }

    @Test
    void provisioningInterruptedByACrashIsTakenUpAgain() {
        assertEquals(Optional.empty(), decide(ContainerStatus.PROVISIONING, Duration.ofSeconds(30), 0, Optional.empty()));
        assertEquals(Optional.of(ProvisioningAction.ENSURE), decide(ContainerStatus.PROVISIONING, Duration.ofSeconds(95), 0, Optional.empty()));
    }

    @Test
    void aFailedComputerIsRetriedAfterItsBackoff() {
        assertEquals(Optional.empty(), decide(ContainerStatus.FAILED, Duration.ofSeconds(8), 2, Optional.empty()));
        assertEquals(Optional.of(ProvisioningAction.ENSURE), decide(ContainerStatus.FAILED, Duration.ofSeconds(11), 2, Optional.empty()));
    }

    @Test
    void aRunningComputerMissingOrDownInTheRuntimeIsRepaired() {
        assertEquals(Optional.empty(), decide(ContainerStatus.RUNNING, Duration.ofHours(1), 0, observed(1, RunState.RUNNING)));
        assertEquals(Optional.of(ProvisioningAction.ENSURE), decide(ContainerStatus.RUNNING, Duration.ofHours(1), 0, Optional.empty()));
        assertEquals(Optional.of(ProvisioningAction.ENSURE), decide(ContainerStatus.RUNNING, Duration.ofHours(1), 0, observed(0, RunState.STOPPED)));
        assertEquals(Optional.of(ProvisioningAction.ENSURE), decide(ContainerStatus.RUNNING, Duration.ofHours(1), 0, observed(1, RunState.FAILED)));
    }

    @Test
    void aSleepingComputerStaysAsleepUntilSomethingWakesIt() {
        assertEquals(Optional.of(ProvisioningAction.SUSPEND), decide(ContainerStatus.SLEEPING, Duration.ZERO, 0, observed(1, RunState.RUNNING)));
        assertEquals(Optional.empty(), decide(ContainerStatus.SLEEPING, Duration.ofHours(5), 0, observed(0, RunState.STOPPED)));
        assertEquals(Optional.empty(), decide(ContainerStatus.SLEEPING, Duration.ofHours(5), 0, Optional.empty()),
                "a sleeping computer whose service is gone is made again by its wake, not now");
    }

    @Test
    void suspendedStaysStoppedAndDeletionIsFinished() {
        assertEquals(Optional.of(ProvisioningAction.SUSPEND), decide(ContainerStatus.SUSPENDED, Duration.ZERO, 0, observed(1, RunState.RUNNING)));
        assertEquals(Optional.empty(), decide(ContainerStatus.SUSPENDED, Duration.ZERO, 0, observed(0, RunState.STOPPED)));
        assertEquals(Optional.of(ProvisioningAction.DELETE), decide(ContainerStatus.DELETING, Duration.ZERO, 0, Optional.empty()));
        assertEquals(Optional.empty(), decide(ContainerStatus.DELETED, Duration.ZERO, 0, Optional.empty()));
    }
}
