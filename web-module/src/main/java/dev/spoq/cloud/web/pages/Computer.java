package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.provisioning.ContainerStatus;

import java.io.Serializable;
import java.util.Optional;

/** The state of a user's computer in words: the container status from AccountStatus (empty: none yet) and its reason. */
public final class Computer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Null while there is no computer (Optional is not Serializable, and page beans are). */
    private final ContainerStatus status;
    private final String reason;

    public Computer(Optional<ContainerStatus> status, String reason) {
        this.status = status.orElse(null);
        this.reason = reason;
    }

    /** Before an address is claimed. */
    public static Computer none() {
        return new Computer(Optional.empty(), null);
    }

    public String getLabel() {
        if (status == null) {
            return "Not created yet";
        }
        return switch (status) {
            case PENDING -> "Getting ready to start";
            case PROVISIONING -> "Starting your computer…";
            case RUNNING -> "Ready";
            case SLEEPING -> "Sleeping";
            case FAILED -> "Could not start";
            case SUSPENDED -> "Paused";
            case DELETING -> "Being deleted";
            case DELETED -> "Deleted";
        };
    }

    public String getExplanation() {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case PENDING, PROVISIONING -> "This takes a few seconds. The page updates by itself.";
            case RUNNING -> "Your computer is running. Connect with Termius or any SSH app.";
            case SLEEPING -> "It was idle, so it sleeps; your files are kept. Connecting with SSH wakes it, or wake it here.";
            case FAILED -> "We keep retrying. If it does not recover, contact support.";
            case SUSPENDED -> "Your computer is stopped; your files are kept.";
            case DELETING, DELETED -> "";
        };
    }

    /** The status' wire name, "none" before there is a computer (the pages' CSS class and data-status). */
    public String getStatus() {
        return status == null ? "none" : status.wireName();
    }

    public String getReason() {
        return reason;
    }

    /** Provisioning is over, one way or the other: polling may stop. */
    public boolean isSettled() {
        return status != ContainerStatus.PENDING && status != ContainerStatus.PROVISIONING;
    }

    public boolean isRunning() {
        return status == ContainerStatus.RUNNING;
    }

    public boolean isSleeping() {
        return status == ContainerStatus.SLEEPING;
    }
}
