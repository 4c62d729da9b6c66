package dev.spoq.cloud.backup;

import dev.spoq.cloud.audit.AuditLog;
import dev.spoq.cloud.database.ConstraintViolations;
import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.provisioning.ContainerRuntime;
import dev.spoq.cloud.provisioning.ContainerStatus;
import dev.spoq.cloud.provisioning.ProvisioningRequests;
import dev.spoq.cloud.provisioning.RuntimeUnavailable;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What operators do with backups: run one now, list a user's snapshots, put a computer's home back from one.
 * Whose a snapshot is comes from its tags in the repository (they survive a lost database): a computer is
 * restored only from a snapshot of its own home.
 */
@Stateless
public class Backups {

    public static final String BY_OPERATOR = "operator";
    public static final String BY_SCHEDULE = "schedule";
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9a-f]{8,64}");

    @Inject
    BackupRuns runs;

    @Inject
    BackupRunner runner;

    @Inject
    BackupRepository repository;

    @Inject
    ContainerRepository containers;

    @Inject
    ContainerRuntime runtime;

    @Inject
    ProvisioningRequests provisioning;

    @Inject
    AuditLog audit;

    /** A snapshot of a user's home as operators see it; bytes and the run from our records when we have them. */
    public record SnapshotView(String snapshotId, String shortId, Instant time, String subdomain, UUID containerId,
                               UUID userId, Long bytes, Instant startedAt, Instant finishedAt) {
    }

    public record Restored(String snapshotId, UUID containerId, String subdomain, Duration took) {
    }

    /**
     * Starts a run in the background; its id polls it ({@link #run}).
     *
     * @throws SpoqProblem 409 {@code backup-running} (with {@code run_id}) when one is under way
     */
    public UUID start(String requestedBy, String sourceIp) {
        Optional<UUID> running = runs.running();
        if (running.isPresent()) {
            throw alreadyRunning(running.get());
        }
        UUID runId;
        try {
            runId = runs.start(requestedBy);
        } catch (EJBException | jakarta.persistence.PersistenceException race) {
            if (ConstraintViolations.find(race).isPresent()) {
                throw alreadyRunning(runs.running().orElse(null));
            }
            throw race;
        }
        audit.record(null, "backup.started", "run " + runId + " (" + requestedBy + ")", sourceIp);
        runner.run(runId);
        return runId;
    }

    private static SpoqProblem alreadyRunning(UUID runId) {
        return new SpoqProblem(ProblemKind.CONFLICT, "backup-running", null,
                "A backup is under way" + (runId == null ? "." : ": run " + runId + "."),
                runId == null ? Map.of() : Map.of("run_id", runId.toString()));
    }

    public Optional<BackupRuns.Run> run(UUID runId) {
        return runs.find(runId);
    }

    /** The snapshots of the user's home, oldest first. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<SnapshotView> snapshotsOf(UUID userId) {
        List<Snapshot> snapshots = repositoryCall(() -> repository.snapshotsTagged(SnapshotTags.USER, userId.toString())).stream()
                .filter(s -> SnapshotTags.HOME.equals(s.kind())).toList();
        if (snapshots.isEmpty() && containers.ofUser(userId).isEmpty()) {
            throw SpoqProblem.notFound("user_id", "No such user, and no backups of one.");
        }
        Map<String, BackupRuns.Item> items = runs.itemsOf(snapshots.stream().map(Snapshot::id).toList());
        return snapshots.stream().map(s -> {
            BackupRuns.Item item = items.get(s.id());
            return new SnapshotView(s.id(), s.shortId(), s.time(), s.subdomain().orElse(null), s.containerId().orElse(null),
                    s.userId().orElse(null), item == null ? null : item.bytes(), item == null ? null : item.startedAt(),
                    item == null ? null : item.finishedAt());
        }).toList();
    }

    /**
     * Puts the computer's home back as it was in the snapshot: the computer stops, its home is replaced, and it
     * starts again on the restored files (its logins and keys are applied again, as they are now).
     *
     * @throws SpoqProblem 400 on {@code snapshot} when it is no snapshot id, 404 when the repository has no such
     *                     snapshot, 409 when it is not of this computer's home; 404 / 409 on {@code container_id}
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Restored restore(UUID containerId, String snapshotId, String sourceIp) {
        if (snapshotId == null || snapshotId.isBlank()) {
            throw SpoqProblem.invalid("snapshot", "Name the snapshot to restore: its snapshot_id from GET /internal/backups?user_id=.");
        }
        String id = snapshotId.strip();
        if (!SNAPSHOT_ID.matcher(id).matches()) {
            throw SpoqProblem.invalid("snapshot", "A snapshot id is 8 to 64 lower-case hexadecimal digits.");
        }
        Container container = containers.require(containerId);
        if (container.status() == ContainerStatus.DELETING || container.status() == ContainerStatus.DELETED) {
            throw SpoqProblem.conflict("container-deleted", "container_id", "This computer was deleted.");
        }
        if (container.status() == ContainerStatus.PENDING) {
            throw SpoqProblem.conflict("container-not-ready", "container_id", "This computer has no home yet: it is still being made.");
        }
        Snapshot snapshot = repositoryCall(() -> repository.find(id))
                .orElseThrow(() -> SpoqProblem.notFound("snapshot", "The backup repository has no snapshot " + id + "."));
        if (!SnapshotTags.HOME.equals(snapshot.kind())) {
            throw SpoqProblem.conflict("snapshot-of-another-computer", "snapshot",
                    "Snapshot " + snapshot.shortId() + " holds no computer's home (it is the platform's " + snapshot.kind() + ").");
        }
        if (!snapshot.containerId().map(containerId::equals).orElse(false)) {
            throw SpoqProblem.conflict("snapshot-of-another-computer", "snapshot",
                    "Snapshot " + snapshot.shortId() + " holds the home of another computer; restore a snapshot of this computer's own home.");
        }
        long started = System.nanoTime();
        try {
            runtime.replaceHome(container.subdomain(), target -> repository.restore(snapshot.id(), target));
        } catch (BackupFailed | RuntimeUnavailable e) {
            audit.recordIndependently(container.userId(), "backup.restore-failed",
                    "snapshot " + snapshot.id() + " into computer " + containerId + ": " + e.getMessage(), sourceIp);
            throw new SpoqProblem(ProblemKind.UPSTREAM_FAILED, "restore-failed", "snapshot",
                    "The home was not restored (it is as it was): " + e.getMessage());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        audit.recordIndependently(container.userId(), "backup.restored",
                "snapshot " + snapshot.id() + " into computer " + containerId + " (" + container.subdomain() + ")", sourceIp);
        // the restored home holds the logins of its day: the next ENSURE writes today's keys into it
        provisioning.requestEnsure(container.userId(), container.subdomain());
        return new Restored(snapshot.id(), containerId, container.subdomain(), took);
    }

    private static <T> T repositoryCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (BackupFailed e) {
            throw new SpoqProblem(ProblemKind.UPSTREAM_FAILED, "backup-repository-unavailable", null, e.getMessage());
        }
    }
}
