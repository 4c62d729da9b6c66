package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.provisioning.ResourceUsage;

import java.io.Serializable;
import java.util.Locale;

/**
 * A computer's usage as the dashboard's meters show it: each figure in words ("512 MB of 2.0 GB") and as a
 * whole percentage of its limit (0 to 100, what a meter takes).
 */
public record UsageView(String cpu, int cpuPercent, String memory, int memoryPercent, String storage, int storagePercent)
        implements Serializable {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    /** The engine may not know the storage limit (-1): then the configured one is the limit. */
    static UsageView of(ResourceUsage usage, long configuredStorageBytes) {
        long storageLimit = usage.storageLimitBytes() > 0 ? usage.storageLimitBytes() : configuredStorageBytes;
        return new UsageView(String.format(Locale.ENGLISH, "%.1f %%", usage.cpuPercent()), clamp(usage.cpuPercent()),
                bytes(usage.memoryBytes()) + " of " + bytes(usage.memoryLimitBytes()),
                percent(usage.memoryBytes(), usage.memoryLimitBytes()),
                usage.storageBytes() < 0 ? "unknown" : bytes(usage.storageBytes()) + " of " + bytes(storageLimit),
                percent(usage.storageBytes(), storageLimit));
    }

    /** Binary units, one decimal below 10 ("1.5 GB", "12 GB"); a negative count is what the engine did not know. */
    static String bytes(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ENGLISH, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }

    /** 0 when either figure is unknown (negative) or there is no limit. */
    static int percent(long part, long whole) {
        return whole <= 0 || part < 0 ? 0 : clamp(100.0 * part / whole);
    }

    /** CPU can pass 100 % for a moment (the engine's sample), a meter cannot. */
    static int clamp(double percent) {
        return (int) Math.max(0, Math.min(100, Math.round(percent)));
    }
}
