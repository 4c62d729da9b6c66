package dev.spoq.cloud.provisioning;

/** A provisioning command still waiting on the queue, as operators see it. */
public record QueuedCommand(String userId, String subdomain, String action) {
}
