package dev.spoq.cloud.provisioning;

import dev.spoq.cloud.audit.AuditEvent;
import dev.spoq.cloud.audit.AuditLog;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Carries out one provisioning command against the runtime, reading fresh state first. Runs in the
 * consumer's transaction: a retry it schedules is sent only if the command is taken off the queue.
 */
@Stateless
public class ProvisioningWork {

    private static final Logger LOG = Logger.getLogger(ProvisioningWork.class.getName());

    /** A user's first login waits on this when they add their key while the container is starting. */
    private static final Duration SYNC_RECHECK = Duration.ofMillis(150);
    /** How often a start looks whether the engine runs the task yet (a few cheap engine calls each). */
    private static final Duration TASK_POLL = Duration.ofMillis(50);

    @PersistenceContext
    EntityManager em;

    @Inject
    ContainerRuntime runtime;

    @Inject
    ContainerRepository containers;

    @Inject
    ProvisioningProgress progress;

    @Inject
    ContainerSettings settings;

    @Inject
    DesiredLogins logins;

    @Inject
    ProvisioningRequests commands;

    @Inject
    AuditLog audit;

    @Inject
    ProvisioningTimings timings;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "spoq.provisioning.start-timeout-seconds", defaultValue = "60")
    int startTimeoutSeconds;

    public void perform(ProvisioningCommand command) {
        perform(command, Instant.now());
    }

    /** @param requestedAt when the command was sent (the start of a computer is timed from there) */
    public void perform(ProvisioningCommand command, Instant requestedAt) {
        Optional<Container> found = containers.ofUser(command.userId());
        if (found.isEmpty()) {
            LOG.info(() -> "No container for user " + command.userId() + "; " + command.action().wireName() + " ignored");
            return;
        }
        Container container = found.get();
        if (!workingAlone(container)) {
            if (command.action() != ProvisioningAction.ENSURE) {
                // wait for the command at work rather than lose a change of logins, a suspend or a delete
                commands.request(command, command.action() == ProvisioningAction.SYNC_LOGINS ? SYNC_RECHECK : Duration.ofSeconds(1));
            }
            LOG.fine(() -> "Another command is working on " + container.subdomain() + "; " + command.action().wireName() + " deferred or dropped");
            return;
        }
        // its own short transaction: an insert referencing the user would otherwise hold a lock on the
        // user's row for the whole provisioning and make that user's API calls wait
        audit.recordIndependently(AuditEvent.of("provisioning." + command.action().wireName()).account(command.userId())
                .computer(container.id()).detail(container.status().wireName()));
        switch (command.action()) {
            case ENSURE -> ensure(container, timings.start(command.userId(), container.subdomain(), requestedAt));
            case SYNC_LOGINS -> syncLogins(container);
            case SUSPEND -> suspend(container);
            case DELETE -> delete(container);
        }
    }

    /**
     * One command per container at a time (several consumers run in parallel): a transaction-scoped
     * advisory lock on the container's id. A second ENSURE that finds it taken is dropped (the one at
     * work ends in a state the reconciler looks at again); other commands wait their turn.
     */
    private boolean workingAlone(Container container) {
        Object got = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtextextended(?1, 42))")
                .setParameter(1, container.id().toString()).getSingleResult();
        return Boolean.TRUE.equals(got);
    }

    /**
     * Creates or updates the computer and waits until a user can log in. The logins go in as early as they can: with
     * the service when it is created, then by an exec as soon as the task runs (while sshd is still starting), so that
     * the sshd that answers first already admits the user.
     */
    private void ensure(Container container, ProvisioningTimings.Stopwatch stages) {
        if (container.status() == ContainerStatus.SUSPENDED || container.status() == ContainerStatus.SLEEPING
                || container.status() == ContainerStatus.DELETING || container.status() == ContainerStatus.DELETED) {
            return;
        }
        try {
            boolean alreadyRunning = container.status() == ContainerStatus.RUNNING
                    && runtime.observe(container.subdomain()).map(ObservedContainer::isRunning).orElse(false);
            if (!alreadyRunning) {
                progress.markProvisioning(container.id());
            }
            stages.reached("queue");
            runtime.ensureRunning(settings.specFor(container), () -> logins.of(container.userId()), stages::reached);
            Instant deadline = Instant.now().plusSeconds(startTimeoutSeconds);
            ObservedContainer running = awaitRunning(container.subdomain(), deadline);
            stages.reached("task running");
            LoginsState wanted = logins.of(container.userId());
            // the exec and sshd's start take a few hundred milliseconds each: wait for both at once
            CompletableFuture<List<String>> hostKeys = CompletableFuture.supplyAsync(() -> {
                List<String> keys = runtime.applyLoginsAndReadHostKeys(container.subdomain(), wanted);
                stages.reached("accounts");
                return keys;
            }, executor);
            SshdReadiness.await(running.node(), container.sshPort(), deadline);
            stages.reached("sshd answering");
            progress.markRunning(container.id(), running.node(), String.join("\n", awaitHostKeys(hostKeys, deadline)));
            stages.reached("marked running");
            LOG.info(() -> "Container of " + container.subdomain() + " is running on " + running.node());
        } catch (RuntimeUnavailable e) {
            int failures = progress.markFailed(container.id(), "Could not start your computer: " + e.getMessage());
            if (failures == 0) {
                LOG.info(() -> "Provisioning of " + container.subdomain() + " ended: the container was suspended or deleted meanwhile");
                return;
            }
            Duration retryIn = Backoff.after(failures);
            LOG.warning(() -> "Provisioning " + container.subdomain() + " failed (" + failures + " in a row), retrying in "
                    + retryIn.toSeconds() + " s: " + e.getMessage());
            commands.request(new ProvisioningCommand(ProvisioningAction.ENSURE, container.userId(), container.subdomain()), retryIn);
        }
    }

    private void syncLogins(Container container) {
        if (container.status() == ContainerStatus.PENDING || container.status() == ContainerStatus.PROVISIONING) {
            // the ENSURE under way may have read the logins before this change: look again shortly
            commands.request(new ProvisioningCommand(ProvisioningAction.SYNC_LOGINS, container.userId(), container.subdomain()),
                    SYNC_RECHECK);
            return;
        }
        if (container.status() != ContainerStatus.RUNNING) {
            return; // a failed container gets its logins with its next ENSURE; a suspended or sleeping one when it starts
        }
        try {
            runtime.applyLogins(container.subdomain(), logins.of(container.userId()));
        } catch (RuntimeUnavailable e) {
            LOG.warning(() -> "Logins of " + container.subdomain() + " not applied, ensuring the container instead: " + e.getMessage());
            commands.request(new ProvisioningCommand(ProvisioningAction.ENSURE, container.userId(), container.subdomain()),
                    Backoff.after(1));
        }
    }

    private void suspend(Container container) {
        if (container.status() == ContainerStatus.SUSPENDED || container.status() == ContainerStatus.SLEEPING) {
            runtime.suspend(container.subdomain());
        }
    }

    private void delete(Container container) {
        if (container.status() == ContainerStatus.DELETING || container.status() == ContainerStatus.DELETED) {
            runtime.remove(container.subdomain(), true);
            progress.markDeleted(container.id());
        }
    }

    private static List<String> awaitHostKeys(CompletableFuture<List<String>> hostKeys, Instant deadline) {
        try {
            return hostKeys.get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeUnavailable unavailable ? unavailable
                    : new RuntimeUnavailable("Applying the logins failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            hostKeys.cancel(true);
            throw new RuntimeUnavailable("the logins were not in place in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeUnavailable("Interrupted while the logins were applied", e);
        }
    }

    private ObservedContainer awaitRunning(String subdomain, Instant deadline) {
        ObservedContainer last = null;
        while (Instant.now().isBefore(deadline)) {
            Optional<ObservedContainer> observed = runtime.observe(subdomain);
            if (observed.isPresent() && observed.get().isRunning()) {
                return observed.get();
            }
            last = observed.orElse(null);
            try {
                Thread.sleep(TASK_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeUnavailable("Interrupted while waiting for " + subdomain + " to start", e);
            }
        }
        String why = last == null ? "it disappeared" : last.state() + ": " + last.message();
        throw new RuntimeUnavailable("not running after " + startTimeoutSeconds + " s (" + why + ")");
    }
}
