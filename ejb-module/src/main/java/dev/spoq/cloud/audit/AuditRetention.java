package dev.spoq.cloud.audit;

import dev.spoq.cloud.schedule.ScheduledWork;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * Once a day, removes audit events older than spoq.audit.retention-days (365 by default, as Daytona keeps them).
 * The table refuses DELETE from everyone else: the rows go through audit_purge, the database function that alone
 * may remove them (sql/V9__audit_log.sql).
 */
@Singleton
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    ScheduledWork work;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "spoq.audit.retention-days", defaultValue = "365")
    int retentionDays;

    @Schedule(hour = "3", minute = "40", persistent = false, info = "audit retention")
    void daily() {
        if (work.claim("audit-retention", Duration.ofDays(1))) {
            purge();
        }
    }

    /** @return how many events were removed */
    public long purge() {
        Number purged = (Number) em.createNativeQuery("SELECT audit_purge(?1)").setParameter(1, retentionDays).getSingleResult();
        long count = purged.longValue();
        audit.record(AuditEvent.of("audit.purged").by(Actor.system("audit-retention"))
                .detail(count + " events older than " + retentionDays + " days"));
        LOG.info(() -> "Audit retention: removed " + count + " events older than " + retentionDays + " days");
        return count;
    }
}
