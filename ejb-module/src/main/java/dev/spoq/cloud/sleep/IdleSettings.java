package dev.spoq.cloud.sleep;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/** The one reader of spoq.idle.*: when an idle computer sleeps, what "idle" means, and how often we look. */
@ApplicationScoped
public class IdleSettings {

    /** Minutes, fractions allowed (0.25 is 15 s): tests and small installations want less than a minute. */
    @Inject
    @ConfigProperty(name = "spoq.idle.suspend-after-minutes", defaultValue = "60")
    double suspendAfterMinutes;

    /** Percent of one CPU, averaged between two looks; above it the computer is busy (an agent at work). */
    @Inject
    @ConfigProperty(name = "spoq.idle.cpu-threshold", defaultValue = "5")
    double cpuThreshold;

    @Inject
    @ConfigProperty(name = "spoq.idle.check-interval-seconds", defaultValue = "30")
    int checkIntervalSeconds;

    private Duration suspendAfter;

    @PostConstruct
    void check() {
        if (suspendAfterMinutes < 0 || cpuThreshold < 0 || checkIntervalSeconds < 1) {
            throw new IllegalArgumentException("spoq.idle.*: suspend-after-minutes and cpu-threshold are 0 or more,"
                    + " check-interval-seconds at least 1");
        }
        suspendAfter = Duration.ofMillis(Math.round(suspendAfterMinutes * 60_000));
    }

    /** How long a computer may be idle before it sleeps; zero: never. An operator's choice for it comes first. */
    public Duration suspendAfter(Optional<Integer> operatorSeconds) {
        return operatorSeconds.map(Duration::ofSeconds).orElse(suspendAfter);
    }

    public double cpuThreshold() {
        return cpuThreshold;
    }

    public Duration checkInterval() {
        return Duration.ofSeconds(checkIntervalSeconds);
    }
}
