package dev.spoq.cloud.gateway.routing;

/** The control plane did not answer, or answered something other than the contract: refuse, never guess. */
public class ControlPlaneUnavailableException extends Exception {
    public ControlPlaneUnavailableException(String message) {
        super(message);
    }

    public ControlPlaneUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
