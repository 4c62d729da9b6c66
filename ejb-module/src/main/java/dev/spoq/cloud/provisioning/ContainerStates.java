package dev.spoq.cloud.provisioning;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Status changes of a computer, each committed at once (own transaction) so that the dashboard and
 * the API show "provisioning" while the slow work is still going on.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ContainerStates {

    @PersistenceContext
    EntityManager em;

    public Optional<Container> ofUser(UUID userId) {
        return em.createNamedQuery("Container.ofUser", Container.class).setParameter("userId", userId)
                .getResultStream().findFirst();
    }

    public Optional<Container> find(UUID containerId) {
        return Optional.ofNullable(em.find(Container.class, containerId));
    }

    public void markProvisioning(UUID containerId) {
        find(containerId).ifPresent(Container::markProvisioning);
    }

    public void markRunning(UUID containerId, String node, String hostKeys) {
        find(containerId).ifPresent(c -> c.markRunning(node, hostKeys));
    }

    /** @return how many times in a row provisioning has now failed; 0 if the computer is no longer wanted */
    public int markFailed(UUID containerId, String reason) {
        return find(containerId).filter(Container::isWanted).map(c -> {
            c.markFailed(reason);
            return c.failedAttempts();
        }).orElse(0);
    }

    /** Every computer ever made, deleted ones included: a deleted one may still have a service to remove. */
    public List<Container> all() {
        return em.createQuery("SELECT c FROM Container c", Container.class).getResultList();
    }

    public void markSuspended(UUID containerId) {
        find(containerId).ifPresent(Container::markSuspended);
    }

    public void markPending(UUID containerId) {
        find(containerId).ifPresent(Container::markPending);
    }

    public void markDeleting(UUID containerId) {
        find(containerId).ifPresent(Container::markDeleting);
    }

    public void markDeleted(UUID containerId) {
        find(containerId).ifPresent(Container::markDeleted);
    }
}
