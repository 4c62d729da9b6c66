package dev.spoq.cloud.profile;

import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.provisioning.ProvisioningRequests;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.UUID;

/**
 * Removed profiles whose kept home is due: the computer's next sync removes the home (the desired state lists
 * it, see {@code DesiredLogins}); this asks for that sync once per removal. A lost command heals by itself: every
 * later sync and provisioning of the computer carries the removal too.
 */
@Stateless
public class RemovedProfiles {

    @PersistenceContext
    EntityManager em;

    @Inject
    ProvisioningRequests provisioning;

    @Inject
    AuditLog audit;

    /** @return how many homes' removals were asked for */
    public int requestDueRemovals() {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("UPDATE removed_profiles SET home_removal_requested_at = now() "
                + "WHERE keep_home_until <= now() AND home_removal_requested_at IS NULL "
                + "RETURNING CAST(user_id AS text), username").getResultList();
        for (Object[] row : due) {
            UUID userId = UUID.fromString((String) row[0]);
            audit.record(userId, "profile.home.removal.requested", (String) row[1], null);
            provisioning.requestLoginsSync(userId);
        }
        return due.size();
    }
}
