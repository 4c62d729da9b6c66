package dev.spoq.cloud.provisioning;

import java.util.Optional;
import java.util.UUID;

/**
 * What the runtime actually has for one user.
 *
 * @param userId    from the container's label; empty for one we did not make
 * @param replicas  how many instances the runtime is asked to run (0 = suspended)
 * @param state     the newest instance's state
 * @param message   the runtime's words for that state (e.g. an error)
 * @param node      address of the node running it, if running
 */
public record ObservedContainer(String subdomain, Optional<UUID> userId, int replicas, RunState state,
                                String message, String node) {

    /** The runtime's many states, folded into the four a user can tell apart. */
    public enum RunState { RUNNING, STARTING, FAILED, STOPPED }

    public boolean isRunning() {
        return replicas > 0 && state == RunState.RUNNING;
    }
}
