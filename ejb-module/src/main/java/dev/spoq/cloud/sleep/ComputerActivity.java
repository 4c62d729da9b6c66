package dev.spoq.cloud.sleep;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Records that computers are in use (containers.last_active_at), which keeps them awake: an SSH login, the open
 * sessions every gateway reports every 2 s, CPU above the threshold. One statement for any number of them.
 * A computer's time is written at most every quarter of its idle time (at most every 30 s), so thousands of open
 * sessions cost a few row updates a second, and a session still keeps its computer awake with room to spare.
 */
@Stateless
public class ComputerActivity {

    private static final String NOT_WRITTEN_LATELY = """
             AND (c.last_active_at IS NULL OR c.last_active_at < now()
                  - make_interval(secs => LEAST(30, GREATEST(1, COALESCE(NULLIF(c.sleep_after_seconds, 0), ?2) / 4.0))))""";

    @PersistenceContext
    EntityManager em;

    @Inject
    IdleSettings settings;

    /** The computers of these devices' accounts are in use (sessions, logins). */
    public void devicesInUse(Collection<UUID> deviceIds) {
        if (deviceIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                        UPDATE containers c SET last_active_at = now() FROM devices d
                        WHERE d.id = ANY (CAST(string_to_array(?1, ',') AS uuid[])) AND c.user_id = d.user_id
                        """ + NOT_WRITTEN_LATELY)
                .setParameter(1, join(deviceIds)).setParameter(2, defaultSeconds()).executeUpdate();
    }

    /** These computers are busy (their CPU is above the threshold). */
    public void computersInUse(Collection<UUID> containerIds) {
        if (containerIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("UPDATE containers c SET last_active_at = now() WHERE c.id = ANY (CAST(string_to_array(?1, ',') AS uuid[]))"
                        + NOT_WRITTEN_LATELY)
                .setParameter(1, join(containerIds)).setParameter(2, defaultSeconds()).executeUpdate();
    }

    /** The default idle time; when computers never sleep by default, any spacing will do (2 minutes). */
    private long defaultSeconds() {
        long seconds = settings.suspendAfter(java.util.Optional.empty()).toSeconds();
        return seconds > 0 ? seconds : 120;
    }

    private static String join(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }
}
