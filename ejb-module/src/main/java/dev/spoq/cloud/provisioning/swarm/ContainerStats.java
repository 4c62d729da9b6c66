package dev.spoq.cloud.provisioning.swarm;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import dev.spoq.cloud.provisioning.ResourceUsage;

/** Turns the engine's raw counters into the percentages and bytes a dashboard shows. */
final class ContainerStats {

    private ContainerStats() {
    }

    /** @param storageBytes, storageLimitBytes what the computer's disk holds and its size; -1 when unknown */
    static ResourceUsage usage(Statistics stats, long storageBytes, long storageLimitBytes) {
        return new ResourceUsage(cpuPercent(stats), memoryUsed(stats.getMemoryStats()),
                nullToZero(stats.getMemoryStats() == null ? null : stats.getMemoryStats().getLimit()),
                storageBytes, storageLimitBytes);
    }

    private static double cpuPercent(Statistics stats) {
        CpuStatsConfig now = stats.getCpuStats();
        CpuStatsConfig before = stats.getPreCpuStats();
        if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null) {
            return 0;
        }
        long cpuDelta = nullToZero(now.getCpuUsage().getTotalUsage()) - nullToZero(before.getCpuUsage().getTotalUsage());
        long systemDelta = nullToZero(now.getSystemCpuUsage()) - nullToZero(before.getSystemCpuUsage());
        long cpus = now.getOnlineCpus() == null ? 1 : now.getOnlineCpus();
        return systemDelta <= 0 || cpuDelta < 0 ? 0 : (double) cpuDelta / systemDelta * cpus * 100.0;
    }

    private static long memoryUsed(MemoryStatsConfig memory) {
        if (memory == null) {
            return 0;
        }
        // like `docker stats`: page cache the kernel can drop is not the user's memory
        long cache = memory.getStats() == null ? 0 : nullToZero(memory.getStats().getCache());
        return Math.max(0, nullToZero(memory.getUsage()) - cache);
    }

    private static long nullToZero(Long value) {
        return value == null ? 0 : value;
    }
}
