package dev.spoq.cloud.admin;

import java.time.Instant;
import java.util.UUID;

/** What an operator sees of an account at a glance: who, the plan's status, and the computer's state. */
public record AccountSummary(UUID userId, String email, String subdomain, String subscriptionStatus, Instant createdAt,
                             UUID computerId, String computerStatus, String computerReason, String node) {

    public String readable() {
        return email + " (" + userId + "), subscription " + subscriptionStatus + ", since " + createdAt
                + (computerId == null ? ", no computer"
                : ", computer " + subdomain + " (" + computerId + ") " + computerStatus
                + (computerReason == null ? "" : ": " + computerReason) + (node == null ? "" : " on " + node));
    }
}
