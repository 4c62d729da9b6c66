package dev.spoq.cloud.monitoring;

import dev.spoq.cloud.provisioning.ResourceUsage;

import java.time.Instant;

/**
 * One point of a computer's usage history, as the API and the dashboard's chart show it.
 *
 * @param cpuPercent    percent of the computer's CPU limit (0 to 100)
 * @param storageBytes  -1 when the disk could not be read at that moment
 */
public record UsagePoint(Instant at, double cpuPercent, long memoryBytes, long memoryLimitBytes, long storageBytes,
                         long storageLimitBytes) {

    static UsagePoint of(Instant at, ResourceUsage usage, double cpus, long configuredStorageBytes) {
        return new UsagePoint(at, cpuOfLimit(usage.cpuPercent(), cpus), usage.memoryBytes(), usage.memoryLimitBytes(),
                usage.storageBytes(), usage.storageLimitBytes() > 0 ? usage.storageLimitBytes() : configuredStorageBytes);
    }

    /** The engine counts CPU in percent of one of the node's CPUs; a computer's limit may be more or less than one. */
    static double cpuOfLimit(double percentOfOneCpu, double cpus) {
        double ofLimit = cpus > 0 ? percentOfOneCpu / cpus : percentOfOneCpu;
        return Math.max(0, Math.round(ofLimit * 10) / 10.0);
    }

    public int memoryPercent() {
        return percent(memoryBytes, memoryLimitBytes);
    }

    public int storagePercent() {
        return percent(storageBytes, storageLimitBytes);
    }

    static int percent(long part, long whole) {
        return whole <= 0 || part < 0 ? 0 : (int) Math.min(100, Math.round(100.0 * part / whole));
    }
}
