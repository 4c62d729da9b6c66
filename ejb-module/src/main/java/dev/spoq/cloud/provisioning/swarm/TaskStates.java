package dev.spoq.cloud.provisioning.swarm;

import dev.spoq.cloud.provisioning.ObservedContainer.TaskState;

import java.util.Locale;

/** Swarm's fifteen task states, folded into the four a user can tell apart. */
final class TaskStates {

    private TaskStates() {
    }

    static TaskState of(String swarmState) {
        return switch (swarmState.toUpperCase(Locale.ROOT)) {
            case "RUNNING" -> TaskState.RUNNING;
            case "FAILED", "REJECTED", "ORPHANED" -> TaskState.FAILED;
            case "COMPLETE", "SHUTDOWN", "REMOVE" -> TaskState.STOPPED;
            default -> TaskState.STARTING;
        };
    }
}
