package dev.spoq.cloud.provisioning;

import dev.spoq.cloud.schedule.ScheduledWork;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Every few seconds, compares what the database wants (containers and their status) with what the
 * runtime has, and sends the commands that close the gap: a container removed behind our back, a lost
 * message, a crash mid-provisioning or a runtime outage all heal without anyone acting. Containers that
 * belong to no user are reported, never removed automatically.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ScheduledWork work;

    @Inject
    ContainerRepository containers;

    @Inject
    ContainerRuntime runtime;

    @Inject
    ProvisioningRequests commands;

    @Inject
    @ConfigProperty(name = "spoq.reconcile.interval-seconds", defaultValue = "30")
    int intervalSeconds;

    private static final Duration RESEND_AFTER = Duration.ofSeconds(30);

    private final AtomicBoolean running = new AtomicBoolean();
    /** Commands sent in the last RESEND_AFTER, by container and action; Caffeine forgets the older ones. */
    private final Cache<String, Instant> sent = Caffeine.newBuilder().expireAfterWrite(RESEND_AFTER)
            .executor(Runnable::run) // clean-up on the calling thread: no unmanaged threads inside the application server
            .build();
    private final AtomicBoolean runtimeWasDown = new AtomicBoolean();
    private volatile List<ObservedContainer> orphans = List.of();

    @PostConstruct
    void schedule() {
        long tick = ScheduledWork.tick(window()).toMillis();
        timers.createIntervalTimer(Math.min(tick, 5000), tick, new TimerConfig("reconcile", false));
    }

    @Timeout
    void onTimer(Timer timer) {
        if (running.compareAndSet(false, true)) {
            try {
                if (work.claim("reconcile", window())) {
                    reconcile();
                }
            } finally {
                running.set(false);
            }
        }
    }

    /** One pass per window across the replicas: one replica reconciling is enough, two would send twice. */
    private Duration window() {
        return Duration.ofSeconds(intervalSeconds);
    }

    /** One pass; returns the number of commands sent. */
    public int reconcile() {
        List<ObservedContainer> observedAll;
        try {
            observedAll = runtime.observeAll();
        } catch (RuntimeUnavailable e) {
            if (runtimeWasDown.compareAndSet(false, true)) {
                LOG.warning(() -> "Reconciler cannot see the container runtime; will keep trying: " + e.getMessage());
            }
            return 0;
        }
        if (runtimeWasDown.compareAndSet(true, false)) {
            LOG.info("Reconciler sees the container runtime again");
        }
        Map<String, ObservedContainer> observed = observedAll.stream()
                .collect(Collectors.toMap(ObservedContainer::subdomain, Function.identity(), (a, b) -> a));
        List<Container> desired = containers.all().stream()
                .filter(c -> c.status() != ContainerStatus.DELETED || observed.containsKey(c.subdomain())).toList();
        Instant now = Instant.now();
        int sent = 0;
        for (Container container : desired) {
            Optional<ProvisioningAction> action = ReconcileDecision.decide(container.status(), container.updatedAt(),
                    container.failedAttempts(), Optional.ofNullable(observed.get(container.subdomain())), now);
            if (action.isPresent() && recentlySent(container, action.get(), now)) {
                continue;
            }
            if (action.isPresent()) {
                LOG.info(() -> "Reconciler: " + container.subdomain() + " is " + container.status().wireName()
                        + " in the database and " + describe(observed.get(container.subdomain())) + " in the runtime; sending "
                        + action.get().wireName());
                commands.request(new ProvisioningCommand(action.get(), container.userId(), container.subdomain()), Duration.ZERO);
                sent++;
            }
        }
        Set<String> known = desired.stream().map(Container::subdomain).collect(Collectors.toSet());
        // a deleted container the runtime still has is not an orphan: the DELETE above removes it
        List<ObservedContainer> foundOrphans = observedAll.stream().filter(o -> !known.contains(o.subdomain())).toList();
        if (!foundOrphans.isEmpty() && !foundOrphans.equals(orphans)) {
            LOG.warning(() -> "Containers without a user (not removed; check and remove by hand): "
                    + foundOrphans.stream().map(ObservedContainer::subdomain).toList());
        }
        orphans = foundOrphans;
        return sent;
    }

    /**
     * A command this reconciler sent less than 30 s ago is still queued or under way (consumers
     * may be busy with slow starts): sending it again on every pass would only pile up duplicates.
     */
    private boolean recentlySent(Container container, ProvisioningAction action, Instant now) {
        return sent.asMap().putIfAbsent(container.id() + "/" + action, now) != null;
    }

    /** Containers the runtime has (with our labels) that no user owns, as of the last pass. */
    public List<ObservedContainer> orphans() {
        return orphans;
    }

    private static String describe(ObservedContainer observed) {
        return observed == null ? "missing" : observed.replicas() + " replica(s), " + observed.state();
    }
}
