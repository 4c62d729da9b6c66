package dev.spoq.cloud.monitoring;

import dev.spoq.cloud.provisioning.ResourceUsage;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What one sampling pass saw of one computer the platform wants running.
 *
 * @param usage what the engine reported; empty when the computer was not running (stopped, frozen, gone, or the
 *              engine did not answer for it)
 */
public record ComputerSample(UUID containerId, String subdomain, Instant sampledAt, Optional<ResourceUsage> usage) {

    public boolean up() {
        return usage.isPresent();
    }
}
