package dev.spoq.cloud.billing;

import dev.spoq.cloud.schedule.ScheduledWork;
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
import jakarta.inject.Inject;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What time alone changes (no event comes for it): trials that end, grace periods that run out, suspended
 * accounts whose files are due for deletion, and the emails before each. Every spoq.billing.sweep-interval-seconds;
 * each account in a transaction of its own, so one that fails (Stripe down) waits for the next round alone.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class BillingSweep {

    private static final Logger LOG = Logger.getLogger(BillingSweep.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ScheduledWork work;

    @Inject
    BillingAccounts accounts;

    @Inject
    SubscriptionSync sync;

    @Inject
    BillingSettings settings;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long tick = ScheduledWork.tick(settings.sweepInterval()).toMillis();
        timers.createIntervalTimer(tick, tick, new TimerConfig("billing-sweep", false));
    }

    /** Outside a transaction: the rows made here must be committed before each account's own transaction locks one. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!work.claim("billing-sweep", settings.sweepInterval())) {
                return;
            }
            accounts.ensureAll();
            for (UUID userId : accounts.due(settings.grace(), settings.retention())) {
                try {
                    sync.sweep(userId);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Billing sweep of account " + userId + " failed; trying again next round", e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Billing sweep failed; trying again next round", e);
        } finally {
            running.set(false);
        }
    }
}
