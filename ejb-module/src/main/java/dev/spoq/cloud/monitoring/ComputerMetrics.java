package dev.spoq.cloud.monitoring;

import dev.spoq.cloud.provisioning.ResourceUsage;
import io.prometheus.metrics.core.metrics.Gauge;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every computer's last sample as Prometheus gauges on the client's default registry (which the operator endpoint
 * serves at /spoq/metrics), labelled by subdomain. A computer the platform no longer wants running (suspended,
 * deleted) loses its series, so "down" is only ever said of a computer that should be up.
 */
final class ComputerMetrics {

    private static final String LABEL = "subdomain";

    static final Gauge UP = gauge("container_up",
            "1 when the engine runs the computer, 0 when the platform wants it running and it is not (stopped, frozen, missing)");
    static final Gauge CPU = gauge("container_cpu_usage", "CPU in use, in percent of the computer's CPU limit (100 = all of it)");
    static final Gauge MEMORY = gauge("container_memory_usage", "Memory in use in bytes, without page cache (as docker stats)");
    static final Gauge MEMORY_LIMIT = gauge("container_memory_limit", "The computer's memory limit in bytes");
    static final Gauge STORAGE = gauge("container_storage_usage", "Bytes used on the computer's home disk");
    static final Gauge STORAGE_LIMIT = gauge("container_storage_limit", "Size of the computer's home disk in bytes");

    private static final Set<String> shown = new HashSet<>();

    private ComputerMetrics() {
    }

    /** Shows this pass's samples, removing the series of computers that are not in it. */
    static synchronized void show(List<ComputerSample> samples, double cpus, long configuredStorageBytes) {
        Set<String> now = new HashSet<>();
        for (ComputerSample sample : samples) {
            String subdomain = sample.subdomain();
            now.add(subdomain);
            UP.labelValues(subdomain).set(sample.up() ? 1 : 0);
            if (sample.usage().isPresent()) {
                ResourceUsage usage = sample.usage().get();
                CPU.labelValues(subdomain).set(UsagePoint.cpuOfLimit(usage.cpuPercent(), cpus));
                MEMORY.labelValues(subdomain).set(usage.memoryBytes());
                MEMORY_LIMIT.labelValues(subdomain).set(usage.memoryLimitBytes());
                if (usage.storageBytes() >= 0) {
                    STORAGE.labelValues(subdomain).set(usage.storageBytes());
                }
                STORAGE_LIMIT.labelValues(subdomain).set(usage.storageLimitBytes() > 0 ? usage.storageLimitBytes() : configuredStorageBytes);
            } else {
                // a stopped computer uses no CPU or memory; its disk keeps what it held at the last sample
                CPU.labelValues(subdomain).set(0);
                MEMORY.labelValues(subdomain).set(0);
            }
        }
        for (String gone : shown) {
            if (!now.contains(gone)) {
                for (Gauge gauge : List.of(UP, CPU, MEMORY, MEMORY_LIMIT, STORAGE, STORAGE_LIMIT)) {
                    gauge.remove(gone);
                }
            }
        }
        shown.clear();
        shown.addAll(now);
    }

    private static Gauge gauge(String name, String help) {
        return Gauge.builder().name(name).help(help).labelNames(LABEL).register();
    }
}
