package dev.spoq.cloud.backup;

import dev.spoq.cloud.schedule.ScheduledWork;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.logging.Logger;

/** The daily backup at spoq.backup.daily-at (in spoq.backup.time-zone). */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class BackupSchedule {

    private static final Logger LOG = Logger.getLogger(BackupSchedule.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ScheduledWork work;

    @Inject
    BackupSettings settings;

    @Inject
    BackupRuns runs;

    @Inject
    Backups backups;

    @PostConstruct
    void schedule() {
        int interrupted = runs.endInterrupted();
        if (interrupted > 0) {
            LOG.warning(() -> interrupted + " backup run(s) were under way when the platform stopped: marked failed");
        }
        DailyTime at = settings.dailyAt();
        timers.createCalendarTimer(new ScheduleExpression().hour(at.hour()).minute(at.minute()).second(0)
                .timezone(at.zone().getId()), new TimerConfig("daily-backup", false));
        LOG.info(() -> "Daily backup at " + at + " to " + settings.repository());
    }

    @Timeout
    void daily() {
        if (!work.claim("daily-backup", Duration.ofDays(1))) {
            return; // another replica's timer fired first today
        }
        try {
            backups.start(Backups.BY_SCHEDULE, null);
        } catch (SpoqProblem alreadyRunning) {
            LOG.warning(() -> "The daily backup did not start: " + alreadyRunning.getMessage());
        }
    }
}
