package dev.spoq.cloud.web.pages;

import java.io.Serializable;

/**
 * The state of a user's computer in words: the container status from AccountStatus
 * (pending, provisioning, running, failed, suspended, deleting, deleted, none) and its reason.
 */
public record Computer(String status, String reason) implements Serializable {

    public String getLabel() {
        return switch (status) {
            case "pending" -> "Getting ready to start";
            case "provisioning" -> "Starting your computer…";
            case "running" -> "Ready";
            case "failed" -> "Could not start";
            case "suspended" -> "Paused";
            case "deleting" -> "Being deleted";
            case "deleted" -> "Deleted";
            default -> "Not created yet";
        };
    }

    public String getExplanation() {
        return switch (status) {
            case "pending", "provisioning" -> "This takes a few seconds. The page updates by itself.";
            case "running" -> "Your computer is running. Connect with Termius or any SSH app.";
            case "failed" -> "We keep retrying. If it does not recover, contact support.";
            case "suspended" -> "Your computer is stopped; your files are kept.";
            default -> "";
        };
    }

    public String getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }

    /** Provisioning is over, one way or the other: polling may stop. */
    public boolean isSettled() {
        return !status.equals("pending") && !status.equals("provisioning");
    }

    public boolean isRunning() {
        return status.equals("running");
    }
}
