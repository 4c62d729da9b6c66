package dev.spoq.cloud.monitoring;

import dev.spoq.cloud.provisioning.ResourceUsage;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last sample of every computer, in memory: what the dashboard and the usage API show, so that looking at a
 * page never costs the engine a stats call or the computer a df.
 */
@ApplicationScoped
public class LatestUsage {

    private final Map<UUID, ComputerSample> byContainer = new ConcurrentHashMap<>();

    /** Replaces every sample: a computer that is no longer sampled (suspended, deleted) has none. */
    void replaceAll(List<ComputerSample> samples) {
        byContainer.keySet().retainAll(samples.stream().map(ComputerSample::containerId).toList());
        samples.forEach(sample -> byContainer.put(sample.containerId(), sample));
    }

    /** Empty when the computer was not running at the last sample, or has not been sampled yet. */
    public Optional<ResourceUsage> of(UUID containerId) {
        return Optional.ofNullable(byContainer.get(containerId)).flatMap(ComputerSample::usage);
    }

    public Optional<ComputerSample> sample(UUID containerId) {
        return Optional.ofNullable(byContainer.get(containerId));
    }
}
