package dev.spoq.cloud.account;

import dev.spoq.cloud.schedule.ScheduledWork;
import dev.spoq.cloud.profile.RemovedProfiles;
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
 * What time alone changes for accounts: an email still unverified at its deadline stops the computer, and a removed
 * profile's kept home falls due. Every spoq.account.sweep-interval-seconds; each account in a transaction of its own.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AccountSweep {

    private static final Logger LOG = Logger.getLogger(AccountSweep.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ScheduledWork work;

    @Inject
    AccountSettings settings;

    @Inject
    EmailVerification verification;

    @Inject
    RemovedProfiles removedProfiles;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long tick = ScheduledWork.tick(settings.sweepInterval()).toMillis();
        timers.createIntervalTimer(tick, tick, new TimerConfig("account-sweep", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!work.claim("account-sweep", settings.sweepInterval())) {
                return;
            }
            for (UUID userId : verification.overdue()) {
                try {
                    verification.suspendOverdue(userId);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not stop the computer of unverified account " + userId + "; trying again next round", e);
                }
            }
            removedProfiles.requestDueRemovals();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Account sweep failed; trying again next round", e);
        } finally {
            running.set(false);
        }
    }
}
