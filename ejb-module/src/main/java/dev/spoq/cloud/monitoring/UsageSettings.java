package dev.spoq.cloud.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The one reader of spoq.usage.*: how often computers are sampled, how often a sample becomes history, and for how long. */
@ApplicationScoped
public class UsageSettings {

    @Inject
    @ConfigProperty(name = "spoq.usage.sample-interval-seconds", defaultValue = "60")
    int sampleIntervalSeconds;

    @Inject
    @ConfigProperty(name = "spoq.usage.history-interval-seconds", defaultValue = "300")
    int historyIntervalSeconds;

    @Inject
    @ConfigProperty(name = "spoq.usage.retention-days", defaultValue = "8")
    int retentionDays;

    /** Engine calls at once: each computer's sample is a stats call (about a second) and a df in the computer. */
    @Inject
    @ConfigProperty(name = "spoq.usage.parallel-samples", defaultValue = "4")
    int parallelSamples;

    public Duration sampleInterval() {
        return Duration.ofSeconds(Math.max(1, sampleIntervalSeconds));
    }

    public Duration historyInterval() {
        return Duration.ofSeconds(Math.max(1, historyIntervalSeconds));
    }

    public Duration retention() {
        return Duration.ofDays(Math.max(1, retentionDays));
    }

    public int parallelSamples() {
        return Math.max(1, parallelSamples);
    }
}
