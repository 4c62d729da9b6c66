package dev.spoq.cloud.provisioning;

/** The container runtime could not be reached or refused the request; worth retrying later. */
public class RuntimeUnavailable extends RuntimeException {

    public RuntimeUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public RuntimeUnavailable(String message) {
        super(message);
    }
}
