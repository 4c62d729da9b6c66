package dev.spoq.cloud.gateway.routing;

/** The user's computer as the gateway sees it: whether a session can be relayed now, later or not at all. */
public enum ComputerState {
    /** Running with a known address and host key: connect now. */
    READY,
    /** Pending or provisioning: worth waiting a little. */
    STARTING,
    /** Provisioning failed; the control plane gives the reason. */
    FAILED,
    /** The subscription (or the computer) is suspended. */
    SUSPENDED,
    /** Being deleted or deleted. */
    GONE,
    /** A status this gateway does not know (a newer control plane): treated as not available. */
    UNKNOWN
}
