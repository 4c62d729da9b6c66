package dev.spoq.cloud.admin;

import dev.spoq.cloud.account.User;
import dev.spoq.cloud.audit.Actor;
import dev.spoq.cloud.audit.AuditEvent;
import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.audit.CurrentActor;
import dev.spoq.cloud.audit.Outcome;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerLifecycle;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.provisioning.ParkedCommands;
import dev.spoq.cloud.provisioning.ProvisioningQueueBrowser;
import dev.spoq.cloud.provisioning.QueuedCommand;
import dev.spoq.cloud.provisioning.Reconciler;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The operations the JMX MBeans offer, done through the same services as the internal API (ContainerLifecycle,
 * Reconciler, the queue's browser and the parked commands) and written to the audit log as the JMX user who called
 * them: Liberty's REST connector authenticates that user, and the container hands us the name as the caller.
 * Each call is one transaction; a refused or failed one is recorded in a transaction of its own.
 */
@Stateless
public class AdminOperations {

    @Resource
    SessionContext session;

    @PersistenceContext
    EntityManager em;

    @Inject
    ContainerRepository containers;

    @Inject
    ContainerLifecycle lifecycle;

    @Inject
    Reconciler reconciler;

    @Inject
    ProvisioningQueueBrowser queue;

    @Inject
    ParkedCommands parked;

    @Inject
    AuditLog audit;

    /** @param emailOrSubdomain an account's email address, or its computer's subdomain */
    public AccountSummary lookup(String emailOrSubdomain) {
        return audited("jmx.accounts.lookup", emailOrSubdomain, () -> {
            AccountSummary found = summary(emailOrSubdomain);
            return new Done<>(found, found.userId(), found.computerId(), emailOrSubdomain);
        });
    }

    public String suspend(String emailOrSubdomain) {
        return onComputer("jmx.computers.suspend", emailOrSubdomain, lifecycle::suspend);
    }

    public String resume(String emailOrSubdomain) {
        return onComputer("jmx.computers.resume", emailOrSubdomain, lifecycle::resume);
    }

    public String reprovision(String emailOrSubdomain) {
        return onComputer("jmx.computers.reprovision", emailOrSubdomain, lifecycle::reprovision);
    }

    public String delete(String emailOrSubdomain) {
        return onComputer("jmx.computers.delete", emailOrSubdomain, lifecycle::delete);
    }

    /** One reconciler pass now; returns how many commands it sent. */
    public int reconcileNow() {
        return audited("jmx.provisioning.reconcile", null, () -> {
            int sent = reconciler.reconcile();
            return new Done<>(sent, null, null, sent + " commands sent");
        });
    }

    /** Reading needs no audit row: it changes nothing and a JMX console polls attributes every few seconds. */
    public int queueDepth() {
        return queue.waiting().size();
    }

    public List<QueuedCommand> parkedCommands() {
        return parked.list();
    }

    public int requeueParked() {
        return audited("jmx.provisioning.requeue-parked", null, () -> {
            int moved = parked.requeue();
            return new Done<>(moved, null, null, moved + " commands re-queued");
        });
    }

    private String onComputer(String action, String emailOrSubdomain, java.util.function.Consumer<UUID> change) {
        return audited(action, emailOrSubdomain, () -> {
            AccountSummary account = summary(emailOrSubdomain);
            if (account.computerId() == null) {
                throw SpoqProblem.notFound("account", "This account has no computer.");
            }
            change.accept(account.computerId());
            String status = containers.require(account.computerId()).status().wireName();
            return new Done<>(status, account.userId(), account.computerId(), account.subdomain() + " is now " + status);
        });
    }

    private record Done<T>(T value, UUID userId, UUID containerId, String detail) {
    }

    private <T> T audited(String action, String about, Supplier<Done<T>> work) {
        Actor actor = Actor.jmx(callerName());
        try (CurrentActor.Scope ignored = CurrentActor.actAs(actor)) {
            Done<T> done;
            try {
                done = work.get();
            } catch (SpoqProblem e) {
                audit.recordIndependently(AuditEvent.of(action).by(actor).outcome(Outcome.REFUSED)
                        .detail(about + ": " + e.detail()));
                throw new Refused(e.detail());
            } catch (RuntimeException e) {
                audit.recordIndependently(AuditEvent.of(action).by(actor).outcome(Outcome.FAILED)
                        .detail(about + ": " + e.getClass().getSimpleName()));
                throw e;
            }
            audit.record(AuditEvent.of(action).by(actor).account(done.userId()).computer(done.containerId())
                    .detail(done.detail()));
            return done.value();
        }
    }

    private String callerName() {
        Principal caller = session.getCallerPrincipal();
        String name = caller == null ? null : caller.getName();
        if (name == null || name.isBlank() || "UNAUTHENTICATED".equals(name)) {
            name = libertyCaller().orElse("unknown");
        }
        return name;
    }

    /** Liberty's own view of the thread's caller (its public security API), should the EJB container not pass it on. */
    private static Optional<String> libertyCaller() {
        try {
            Object name = Class.forName("com.ibm.websphere.security.auth.WSSubject").getMethod("getCallerPrincipal").invoke(null);
            return Optional.ofNullable((String) name).filter(n -> !n.isBlank());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return Optional.empty();
        }
    }

    private AccountSummary summary(String emailOrSubdomain) {
        String key = emailOrSubdomain == null ? "" : emailOrSubdomain.strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            throw SpoqProblem.invalid("account", "Give an account's email address or its subdomain.");
        }
        Optional<User> user = key.contains("@")
                ? em.createQuery("SELECT u FROM User u WHERE LOWER(u.email) = :email", User.class).setParameter("email", key)
                        .getResultStream().findFirst()
                : em.createQuery("SELECT c FROM Container c WHERE c.subdomain = :subdomain", Container.class)
                        .setParameter("subdomain", key).getResultStream().findFirst()
                        .map(c -> em.find(User.class, c.userId()));
        User found = user.orElseThrow(() -> SpoqProblem.notFound("account", "No account has the email or subdomain " + key + "."));
        Optional<Container> computer = containers.ofUser(found.id());
        return new AccountSummary(found.id(), found.email(), computer.map(Container::subdomain).orElse(found.subdomain()),
                found.subscriptionStatus().wireName(), found.createdAt(), computer.map(Container::id).orElse(null),
                computer.map(c -> c.status().wireName()).orElse(null), computer.map(Container::statusReason).orElse(null),
                computer.map(Container::hostNode).orElse(null));
    }
}
