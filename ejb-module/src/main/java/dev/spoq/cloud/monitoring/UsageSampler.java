package dev.spoq.cloud.monitoring;

import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.provisioning.ContainerRuntime;
import dev.spoq.cloud.provisioning.ContainerSettings;
import dev.spoq.cloud.provisioning.ContainerStatus;
import dev.spoq.cloud.provisioning.ResourceUsage;
import dev.spoq.cloud.provisioning.RuntimeUnavailable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every spoq.usage.sample-interval-seconds, asks the engine about every computer the platform wants running (a
 * stats call and a df each, a few at once): the result is the metrics (container_*), the latest usage that pages
 * and the API show, and, every spoq.usage.history-interval-seconds, a point of history. Pages never ask the engine.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class UsageSampler {

    private static final Logger LOG = Logger.getLogger(UsageSampler.class.getName());
    /** The statuses in which the platform wants a computer to run: a computer in one of them that does not is down. */
    static final Set<ContainerStatus> WANTED = EnumSet.of(ContainerStatus.PENDING, ContainerStatus.PROVISIONING,
            ContainerStatus.RUNNING, ContainerStatus.FAILED);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    @Resource
    TimerService timers;

    @Resource
    ManagedExecutorService executor;

    @Inject
    ContainerRepository containers;

    @Inject
    ContainerRuntime runtime;

    @Inject
    ContainerSettings containerSettings;

    @Inject
    UsageSettings settings;

    @Inject
    LatestUsage latest;

    @Inject
    UsageHistory history;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Instant lastPrune = Instant.EPOCH;

    @PostConstruct
    void schedule() {
        long interval = settings.sampleInterval().toMillis();
        timers.createIntervalTimer(Math.min(interval, 5000), interval, new TimerConfig("usage-sample", false));
    }

    /** Outside a transaction: engine calls take seconds; each history point commits on its own. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous pass is still asking the engine
        }
        CompletableFuture<Void> lanesDone = CompletableFuture.completedFuture(null);
        try {
            ConcurrentLinkedQueue<ComputerSample> samples = new ConcurrentLinkedQueue<>();
            lanesDone = sampleAll(samples);
            List<ComputerSample> sampled = List.copyOf(samples);
            latest.replaceAll(sampled);
            ComputerMetrics.show(sampled, containerSettings.cpus(), containerSettings.storage().bytes());
            keepHistory(sampled);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sampling computers' usage failed; trying again next round", e);
        } finally {
            // the next pass starts only once this one's lanes are done, even those still asking the engine after the
            // wait below gave up: two passes would ask the same slow engine twice
            lanesDone.whenComplete((done, failure) -> running.set(false));
        }
    }

    private CompletableFuture<Void> sampleAll(ConcurrentLinkedQueue<ComputerSample> samples) {
        List<Container> wanted = containers.all().stream().filter(c -> WANTED.contains(c.status())).toList();
        ConcurrentLinkedQueue<Container> queue = new ConcurrentLinkedQueue<>(wanted);
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < Math.min(settings.parallelSamples(), wanted.size()); lane++) {
            lanes.add(executor.runAsync(() -> {
                for (Container next = queue.poll(); next != null; next = queue.poll()) {
                    samples.add(sample(next));
                }
            }));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new));
        try {
            all.get(Math.max(30, settings.sampleInterval().toSeconds() * 3), TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Sampling did not finish in time; showing the computers sampled so far", e);
        }
        return all;
    }

    private ComputerSample sample(Container container) {
        Optional<ResourceUsage> usage;
        try {
            usage = runtime.usage(container.subdomain());
        } catch (RuntimeUnavailable e) {
            LOG.fine(() -> "No usage of " + container.subdomain() + ": " + e.getMessage());
            usage = Optional.empty();
        }
        return new ComputerSample(container.id(), container.subdomain(), Instant.now(), usage);
    }

    private void keepHistory(List<ComputerSample> samples) {
        // a sample a little early still counts: the pass itself takes time
        Duration gap = settings.historyInterval().minus(settings.sampleInterval().dividedBy(2));
        for (ComputerSample sample : samples) {
            sample.usage().ifPresent(usage -> {
                try {
                    history.record(sample.containerId(), UsagePoint.of(sample.sampledAt(), usage, containerSettings.cpus(),
                            containerSettings.storage().bytes()), gap);
                } catch (RuntimeException e) {
                    // e.g. the computer's row was deleted since this pass began
                    LOG.log(Level.FINE, "No history point for " + sample.subdomain(), e);
                }
            });
        }
        if (Duration.between(lastPrune, Instant.now()).compareTo(PRUNE_EVERY) >= 0) {
            lastPrune = Instant.now();
            int pruned = history.prune(settings.retention());
            if (pruned > 0) {
                LOG.info(() -> "Usage history: " + pruned + " points older than " + settings.retention().toDays() + " days removed");
            }
        }
    }
}
