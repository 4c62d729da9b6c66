package dev.spoq.cloud.provisioning;

/** A container's use of its limits right now, as the engine reports it. */
public record ResourceUsage(double cpuPercent, long memoryBytes, long memoryLimitBytes, long storageBytes,
                            long storageLimitBytes) {
}
