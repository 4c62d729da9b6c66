package dev.spoq.cloud.provisioning;

import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What billing and operators may do to a container: suspend (stop, keep the home), resume, delete
 * (the container and its home). Each records the wish in the container's status and sends the command
 * in one transaction; the reconciler finishes the job if the command is lost.
 */
@Stateless
public class ContainerLifecycle {

    @Inject
    ContainerRepository containers;

    @Inject
    ProvisioningRequests provisioning;

    @Inject
    ContainerRuntime runtime;

    @Inject
    AuditLog audit;

    public void suspend(UUID containerId) {
        Container container = containers.require(containerId);
        container.markSuspended();
        send(ProvisioningAction.SUSPEND, container);
    }

    public void resume(UUID containerId) {
        Container container = containers.require(containerId);
        if (container.status() == ContainerStatus.DELETING || container.status() == ContainerStatus.DELETED) {
            throw SpoqProblem.conflict("container-deleted", "container_id", "This computer was deleted.");
        }
        container.markPending();
        send(ProvisioningAction.ENSURE, container);
    }

    public void delete(UUID containerId) {
        Container container = containers.require(containerId);
        if (container.status() != ContainerStatus.DELETED) {
            container.markDeleting();
            send(ProvisioningAction.DELETE, container);
        }
    }

    /** What the runtime says about the container now; empty when it is not running or unreachable. */
    public Optional<ResourceUsage> usage(UUID containerId) {
        Container container = containers.require(containerId);
        try {
            return runtime.usage(container.subdomain());
        } catch (RuntimeUnavailable e) {
            return Optional.empty();
        }
    }

    private void send(ProvisioningAction action, Container container) {
        provisioning.request(new ProvisioningCommand(action, container.userId(), container.subdomain()), Duration.ZERO);
        audit.record(container.userId(), "container." + action.wireName() + ".requested", container.subdomain(), null);
    }
}
