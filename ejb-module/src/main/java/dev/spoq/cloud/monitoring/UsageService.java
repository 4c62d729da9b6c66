package dev.spoq.cloud.monitoring;

import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.provisioning.ContainerSettings;
import dev.spoq.cloud.provisioning.ResourceUsage;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's view of their own computer's usage: the latest sample and the history. Always by the user's id, so
 * nobody reads another account's figures; an account without a computer gets a not-found problem.
 */
@Stateless
public class UsageService {

    @Inject
    ContainerRepository containers;

    @Inject
    ContainerSettings containerSettings;

    @Inject
    LatestUsage latest;

    @Inject
    UsageHistory history;

    @Inject
    UsageSettings settings;

    /**
     * @param sampledAt when the computer was last sampled; null before its first sample
     * @param usage     the figures then; null when it was not running
     */
    public record Current(Instant sampledAt, UsagePoint usage) {
    }

    /** @param stepSeconds each point is the average over this many seconds from its time on */
    public record History(String range, long stepSeconds, List<UsagePoint> points) {
    }

    public Current current(UUID userId) {
        Container computer = computerOf(userId);
        Optional<ComputerSample> sample = latest.sample(computer.id());
        return new Current(sample.map(ComputerSample::sampledAt).orElse(null), sample.flatMap(s -> s.usage()
                .map(u -> UsagePoint.of(s.sampledAt(), u, containerSettings.cpus(), containerSettings.storage().bytes())))
                .orElse(null));
    }

    public History history(UUID userId, UsageRange range) {
        Container computer = computerOf(userId);
        Duration step = UsageHistory.step(range.span(), settings.historyInterval());
        return new History(range.wireName(), step.toSeconds(), history.since(computer.id(), Instant.now().minus(range.span()), step));
    }

    /** The last sample's figures of a computer (the caller's own); empty when it was not running or is not sampled yet. */
    public Optional<ResourceUsage> latestOf(UUID containerId) {
        return latest.of(containerId);
    }

    private Container computerOf(UUID userId) {
        return containers.ofUser(userId).orElseThrow(() -> SpoqProblem.notFound("computer",
                "This account has no computer yet. Claim an address first."));
    }
}
