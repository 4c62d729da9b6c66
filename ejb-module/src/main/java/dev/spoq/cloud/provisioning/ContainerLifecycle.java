package dev.spoq.cloud.provisioning;

import dev.spoq.cloud.audit.AuditEvent;
import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What billing, operators and idleness may do to a container: suspend (stop, keep the home), resume, delete
 * (the container and its home), sleep (stop an idle one, keep the home) and wake. Each records the wish in the container's status and sends the command
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

    /** @throws SpoqProblem 409 when the computer is deleted or being deleted (a suspend must not undo a deletion) */
    public void suspend(UUID containerId) {
        Container container = containers.requireForChange(containerId);
        container.markSuspended();
        send(ProvisioningAction.SUSPEND, container, "suspend");
    }

    public void resume(UUID containerId) {
        Container container = containers.requireForChange(containerId);
        if (container.status() == ContainerStatus.DELETING || container.status() == ContainerStatus.DELETED) {
            throw SpoqProblem.conflict("container-deleted", "container_id", "This computer was deleted.");
        }
        container.markPending();
        send(ProvisioningAction.ENSURE, container, "resume");
    }

    /**
     * Builds the computer again from its desired state (a failed one, or one whose service went wrong): the status
     * goes back to pending and an ensure is sent; the home volume is kept.
     *
     * @throws SpoqProblem 409 when the computer is deleted or being deleted, or suspended (resume it instead)
     */
    public void reprovision(UUID containerId) {
        Container container = containers.requireForChange(containerId);
        if (container.status() == ContainerStatus.DELETING || container.status() == ContainerStatus.DELETED) {
            throw SpoqProblem.conflict("container-deleted", "container_id", "This computer was deleted.");
        }
        if (container.status() == ContainerStatus.SUSPENDED) {
            throw SpoqProblem.conflict("container-suspended", "container_id",
                    "This computer is suspended; resume it to start it again.");
        }
        container.markPending();
        provisioning.request(new ProvisioningCommand(ProvisioningAction.ENSURE, container.userId(), container.subdomain()),
                Duration.ZERO);
        audit.record(AuditEvent.of("container.reprovision.requested").account(container.userId()).computer(container.id())
                .detail(container.subdomain()));
    }

    /**
     * Puts a running computer to sleep if it is still idle under its row lock: unused since {@code idleBefore} or
     * earlier (a login or session recorded meanwhile keeps it awake).
     *
     * @return whether it now sleeps
     */
    public boolean sleep(UUID containerId, Instant idleBefore) {
        Optional<Container> found = containers.findForChange(containerId);
        if (found.isEmpty() || found.get().idleSince().isAfter(idleBefore)) {
            return false;
        }
        Container container = found.get();
        Instant idleSince = container.idleSince();
        if (!container.markSleeping()) {
            return false;
        }
        provisioning.request(new ProvisioningCommand(ProvisioningAction.SUSPEND, container.userId(), container.subdomain()), Duration.ZERO);
        audit.record(container.userId(), "container.slept", container.subdomain() + ": idle since " + idleSince, null);
        return true;
    }

    /**
     * Wakes a sleeping computer (an SSH login, the dashboard); a computer in any other state is left as it is,
     * a suspended one above all: only billing or an operator resumes that.
     *
     * @param by who woke it, for the audit log ("ssh", "dashboard", "operator")
     * @return whether it was asleep and is now starting
     */
    public boolean wake(UUID containerId, String by) {
        Optional<Container> found = containers.findForChange(containerId);
        if (found.isEmpty() || !found.get().markWaking()) {
            return false;
        }
        Container container = found.get();
        provisioning.request(new ProvisioningCommand(ProvisioningAction.ENSURE, container.userId(), container.subdomain()), Duration.ZERO);
        audit.record(container.userId(), "container.woken", container.subdomain() + " by " + by, null);
        return true;
    }

    /** An operator's idle time for one computer (0: never sleeps; null: the setting). */
    public void sleepAfter(UUID containerId, Integer seconds) {
        Container container = containers.requireForChange(containerId);
        container.sleepAfterSeconds(seconds);
        audit.record(container.userId(), "container.sleep-after.set", container.subdomain() + ": "
                + (seconds == null ? "the default" : seconds + " s"), null);
    }

    public void delete(UUID containerId) {
        Container container = containers.requireForChange(containerId);
        if (container.status() != ContainerStatus.DELETED) {
            container.markDeleting();
            send(ProvisioningAction.DELETE, container, "delete");
        }
    }

    /**
     * What the runtime says about the container now (a stats call and a df in the computer); empty when it is not
     * running or unreachable. For operators' explicit look only: pages and the usage API read the last sample
     * (monitoring.UsageSampler).
     */
    public Optional<ResourceUsage> usage(UUID containerId) {
        Container container = containers.require(containerId);
        try {
            return runtime.usage(container.subdomain());
        } catch (RuntimeUnavailable e) {
            return Optional.empty();
        }
    }

    private void send(ProvisioningAction action, Container container, String wish) {
        provisioning.request(new ProvisioningCommand(action, container.userId(), container.subdomain()), Duration.ZERO);
        audit.record(AuditEvent.of("container." + wish + ".requested").account(container.userId())
                .computer(container.id()).detail(container.subdomain()));
    }
}
