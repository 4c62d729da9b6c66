package dev.spoq.cloud.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Level-triggered repair: given what the database wants and what the runtime has, which command (if
 * any) brings them together. Pure, so every rule is tested without a runtime.
 */
public final class ReconcileDecision {

    /** A claim's command that has not been picked up in this time is taken as lost. */
    static final Duration PENDING_GRACE = Duration.ofSeconds(15);
    /**
     * Provisioning that has not finished in this time is taken as interrupted (e.g. a crash); one
     * attempt gives up after spoq.provisioning.start-timeout-seconds (60 s) and marks "failed".
     */
    static final Duration PROVISIONING_GRACE = Duration.ofSeconds(90);

    private ReconcileDecision() {
    }

    public static Optional<ProvisioningAction> decide(ContainerStatus desired, Instant updatedAt, int failedAttempts,
                                                      Optional<ObservedContainer> observed, Instant now) {
        Duration age = Duration.between(updatedAt, now);
        return switch (desired) {
            case PENDING -> age.compareTo(PENDING_GRACE) >= 0 ? ensure() : Optional.empty();
            case PROVISIONING -> age.compareTo(PROVISIONING_GRACE) >= 0 ? ensure() : Optional.empty();
            case FAILED -> age.compareTo(Backoff.after(failedAttempts)) >= 0 ? ensure() : Optional.empty();
            case RUNNING -> observed.map(ObservedContainer::isRunning).orElse(false) ? Optional.empty() : ensure();
            // a sleeping computer stays stopped until a login or the dashboard wakes it (which makes it pending)
            case SUSPENDED, SLEEPING -> observed.filter(o -> o.replicas() > 0).map(o -> ProvisioningAction.SUSPEND);
            case DELETING -> Optional.of(ProvisioningAction.DELETE);
            case DELETED -> observed.map(o -> ProvisioningAction.DELETE);
        };
    }

    private static Optional<ProvisioningAction> ensure() {
        return Optional.of(ProvisioningAction.ENSURE);
    }
}
