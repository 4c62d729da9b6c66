package dev.spoq.cloud.gateway.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Locale;

/**
 * Where a (login name, public key) pair lives, as the control plane answers
 * {@code POST /internal/gateway/route}. The upstream fields are null while the computer is not running.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Route(
        @JsonProperty("user_id") String userId,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("subdomain") String subdomain,
        @JsonProperty("linux_user") String linuxUser,
        @JsonProperty("container_status") String containerStatus,
        @JsonProperty("status_reason") String statusReason,
        @JsonProperty("upstream_host") String upstreamHost,
        @JsonProperty("upstream_port") Integer upstreamPort,
        @JsonProperty("upstream_host_keys") List<String> upstreamHostKeys,
        @JsonProperty("subscription_status") String subscriptionStatus) {

    /** What the gateway can do for this route right now. */
    public ComputerState state() {
        String subscription = lower(subscriptionStatus);
        if (subscription.equals("suspended") || subscription.equals("canceled")) {
            return ComputerState.SUSPENDED;
        }
        switch (lower(containerStatus)) {
            case "running":
                // running but not yet published (no address or host key): it is still coming up
                return hasUpstream() ? ComputerState.READY : ComputerState.STARTING;
            case "pending":
            case "provisioning":
                return ComputerState.STARTING;
            case "failed":
                return ComputerState.FAILED;
            case "suspended":
                return ComputerState.SUSPENDED;
            case "deleting":
            case "deleted":
                return ComputerState.GONE;
            default:
                return ComputerState.UNKNOWN;
        }
    }

    /** A subscription whose last payment failed still works, but the user should hear about it. */
    public boolean paymentPastDue() {
        return lower(subscriptionStatus).equals("past_due");
    }

    boolean hasUpstream() {
        return upstreamHost != null && !upstreamHost.isBlank() && upstreamPort != null && upstreamPort > 0
                && upstreamHostKeys != null && !upstreamHostKeys.isEmpty()
                && linuxUser != null && !linuxUser.isBlank();
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
