package dev.spoq.cloud.provisioning;

import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What billing and operators may do to a computer: suspend (stop, keep the home), resume, delete
 * (service and, on request, its home). Each changes the desired state and sends the command in one
 * transaction; the reconciler finishes the job if the command is lost.
 */
@Stateless
public class ContainerLifecycle {

    @PersistenceContext
    EntityManager em;

    @Inject
    ProvisioningCommands commands;

    @Inject
    ContainerRuntime runtime;

    @Inject
    AuditLog audit;

    public Container find(UUID containerId) {
        Container container = em.find(Container.class, containerId);
        if (container == null) {
            throw SpoqProblem.notFound("container_id", "No such container.");
        }
        return container;
    }

    public Optional<Container> ofUser(UUID userId) {
        return em.createNamedQuery("Container.ofUser", Container.class).setParameter("userId", userId)
                .getResultStream().findFirst();
    }

    public void suspend(UUID containerId) {
        Container container = find(containerId);
        container.markSuspended();
        send(ProvisioningAction.SUSPEND, container);
    }

    public void resume(UUID containerId) {
        Container container = find(containerId);
        if (container.status() == ContainerStatus.DELETING || container.status() == ContainerStatus.DELETED) {
            throw SpoqProblem.conflict("container-deleted", "container_id", "This computer was deleted.");
        }
        container.markPending();
        send(ProvisioningAction.ENSURE, container);
    }

    public void delete(UUID containerId) {
        Container container = find(containerId);
        if (container.status() != ContainerStatus.DELETED) {
            container.markDeleting();
            send(ProvisioningAction.DELETE, container);
        }
    }

    /** What the engine says about the computer now; empty usage when it is not running or unreachable. */
    public Optional<ResourceUsage> usage(UUID containerId) {
        Container container = find(containerId);
        try {
            return runtime.usage(container.subdomain());
        } catch (RuntimeUnavailable e) {
            return Optional.empty();
        }
    }

    private void send(ProvisioningAction action, Container container) {
        commands.request(new ProvisioningCommand(action, container.userId(), container.subdomain()), Duration.ZERO);
        audit.record(container.userId(), "container." + action.wireName() + ".requested", container.subdomain(), null);
    }
}
