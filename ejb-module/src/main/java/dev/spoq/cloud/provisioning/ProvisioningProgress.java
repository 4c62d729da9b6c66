package dev.spoq.cloud.provisioning;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Records what provisioning has achieved on a container's status, each change committed at once (its
 * own transaction) so that the dashboard and the API show "provisioning" while the slow work is still
 * going on. The other writer of a status is {@link ContainerLifecycle}, which records what someone asked
 * for; see {@link Container} for the rule.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ProvisioningProgress {

    @Inject
    ContainerRepository containers;

    public void markProvisioning(UUID containerId) {
        containers.findForChange(containerId).ifPresent(Container::markProvisioning);
    }

    public void markRunning(UUID containerId, String node, String hostKeys) {
        containers.findForChange(containerId).ifPresent(c -> c.markRunning(node, hostKeys));
    }

    /** @return how many times in a row provisioning has now failed; 0 if the container is no longer wanted */
    public int markFailed(UUID containerId, String reason) {
        return containers.findForChange(containerId).map(c -> c.markFailed(reason)).orElse(0);
    }

    public void markDeleted(UUID containerId) {
        containers.findForChange(containerId).ifPresent(Container::markDeleted);
    }
}
