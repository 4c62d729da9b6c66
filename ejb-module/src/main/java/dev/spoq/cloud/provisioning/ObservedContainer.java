package dev.spoq.cloud.provisioning;

import java.util.Optional;
import java.util.UUID;

/**
 * What the runtime actually has for one user.
 *
 * @param userId    from the service's label; empty for a service we did not make
 * @param replicas  desired replicas of the service (0 = suspended)
 * @param state     the newest task's state
 * @param message   the runtime's words for that state (e.g. an error)
 * @param node      address of the node running it, if running
 */
public record ObservedContainer(String subdomain, Optional<UUID> userId, int replicas, TaskState state,
                                String message, String node) {

    public enum TaskState { RUNNING, STARTING, FAILED, STOPPED }

    public boolean isRunning() {
        return replicas > 0 && state == TaskState.RUNNING;
    }
}
