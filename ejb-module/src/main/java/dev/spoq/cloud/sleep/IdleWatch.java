package dev.spoq.cloud.sleep;

import dev.spoq.cloud.schedule.ScheduledWork;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerLifecycle;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.provisioning.ContainerRuntime;
import dev.spoq.cloud.provisioning.RuntimeUnavailable;
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
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Every {@code spoq.idle.check-interval-seconds}, reads the CPU time of every running computer (one engine call
 * each) and puts to sleep those that have been idle for their whole idle time: no login, no open session, CPU
 * under the threshold. Busy ones count as used. Each change is its own transaction (the lifecycle's), taken under
 * the computer's row lock, so a login that arrives meanwhile wins. Every control-plane replica may run it: a
 * second one finds the computer asleep already.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdleWatch {

    private static final Logger LOG = Logger.getLogger(IdleWatch.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ScheduledWork work;

    @Inject
    IdleSettings settings;

    @Inject
    ContainerRepository containers;

    @Inject
    ContainerRuntime runtime;

    @Inject
    ContainerLifecycle lifecycle;

    @Inject
    ComputerActivity activity;

    private final AtomicBoolean running = new AtomicBoolean();
    private final CpuSamples samples = new CpuSamples();

    @PostConstruct
    void schedule() {
        long tick = ScheduledWork.tick(settings.checkInterval()).toMillis();
        timers.createIntervalTimer(tick, tick, new TimerConfig("idle-watch", false));
    }

    @Timeout
    void onTimer(Timer timer) {
        if (running.compareAndSet(false, true)) {
            try {
                if (work.claim("idle-watch", settings.checkInterval())) {
                    look();
                }
            } catch (RuntimeException e) {
                LOG.warning("Idle watch pass failed; the next one tries again: " + e);
            } finally {
                running.set(false);
            }
        }
    }

    /** One pass; returns how many computers it put to sleep. */
    int look() {
        Map<String, Duration> cpuTimes;
        try {
            cpuTimes = runtime.cpuTimes();
        } catch (RuntimeUnavailable e) {
            return 0; // no reading, no decision: the reconciler already reports an engine that is away
        }
        Instant now = Instant.now();
        samples.record(cpuTimes, now);
        List<java.util.UUID> busy = new ArrayList<>();
        int slept = 0;
        for (Container computer : containers.running()) {
            Duration sleepAfter = settings.suspendAfter(computer.sleepAfterSeconds());
            switch (IdleRule.judge(computer.idleSince(), sleepAfter, samples.percent(computer.subdomain()),
                    settings.cpuThreshold(), now)) {
                case BUSY -> busy.add(computer.id());
                case SLEEP -> {
                    if (lifecycle.sleep(computer.id(), now.minus(sleepAfter))) {
                        slept++;
                        LOG.info(() -> computer.subdomain() + " sleeps: idle since " + computer.idleSince());
                    }
                }
                case IDLE -> {
                }
            }
        }
        activity.computersInUse(busy);
        return slept;
    }
}
