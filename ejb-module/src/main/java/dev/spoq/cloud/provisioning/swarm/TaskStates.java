package dev.spoq.cloud.provisioning.swarm;

import dev.spoq.cloud.provisioning.ObservedContainer.RunState;

import java.util.Locale;

/** Swarm's fifteen task states, folded into the four a user can tell apart. */
final class TaskStates {

    private TaskStates() {
    }

    static RunState of(String swarmState) {
        return switch (swarmState.toUpperCase(Locale.ROOT)) {
            case "RUNNING" -> RunState.RUNNING;
            case "FAILED", "REJECTED", "ORPHANED" -> RunState.FAILED;
            case "COMPLETE", "SHUTDOWN", "REMOVE" -> RunState.STOPPED;
            default -> RunState.STARTING;
        };
    }
}
