package dev.spoq.cloud.backup;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@code backup_age_seconds{subdomain}}: how old each computer's newest successful backup is (a computer never
 * backed up counts from its creation), for the alert on a backup older than 26 hours. The scrape reads a map
 * this bean refreshes every minute and after each run, never the database itself.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class BackupAge {

    private static final Logger LOG = Logger.getLogger(BackupAge.class.getName());
    public static final String METRIC = "backup_age_seconds";

    @Resource
    TimerService timers;

    @Inject
    BackupRuns runs;

    private volatile Map<String, Instant> lastBackups = Map.of();
    private GaugeWithCallback gauge;

    @PostConstruct
    void register() {
        gauge = GaugeWithCallback.builder().name(METRIC)
                .help("Seconds since the newest successful backup of the computer's home (since its creation when it has none)")
                .labelNames("subdomain")
                .callback(callback -> {
                    Instant now = Instant.now();
                    lastBackups.forEach((subdomain, at) -> callback.call(Duration.between(at, now).toMillis() / 1000.0, subdomain));
                })
                .build();
        try {
            PrometheusRegistry.defaultRegistry.register(gauge);
        } catch (IllegalArgumentException alreadyThere) {
            // a previous deployment in this JVM that did not unregister: its gauge reads a map nobody refreshes
            LOG.warning(() -> METRIC + " is registered already: " + alreadyThere.getMessage());
        }
        timers.createIntervalTimer(1000, Duration.ofMinutes(1).toMillis(), new TimerConfig("backup-age", false));
    }

    @PreDestroy
    void unregister() {
        PrometheusRegistry.defaultRegistry.unregister(gauge);
    }

    @Timeout
    void onTimer() {
        refresh();
    }

    /** Reads the newest backups again (after a run, and every minute for computers made or deleted meanwhile). */
    public void refresh() {
        try {
            lastBackups = Map.copyOf(runs.lastBackupPerComputer());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not read the newest backups for " + METRIC + ": " + e.getMessage());
        }
    }

    /** The ages as the gauge reports them now, by subdomain. */
    public Map<String, Instant> lastBackups() {
        return lastBackups;
    }
}
