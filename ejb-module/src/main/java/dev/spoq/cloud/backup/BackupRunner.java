package dev.spoq.cloud.backup;

import dev.spoq.cloud.database.EmbeddedDatabase;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.provisioning.ContainerRuntime;
import dev.spoq.cloud.provisioning.ContainerStatus;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * One backup run, in the background: every computer's home (a frozen copy of its disk, one at a time, so that
 * a node is never busy with more than one), then the platform's database, then retention. Each step is
 * recorded as it ends; a computer that fails does not stop the others.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BackupRunner {

    private static final Logger LOG = Logger.getLogger(BackupRunner.class.getName());
    /** Computers that have no disk yet, or no longer. */
    private static final Set<ContainerStatus> WITHOUT_HOME = EnumSet.of(ContainerStatus.PENDING, ContainerStatus.DELETING,
            ContainerStatus.DELETED);

    @Inject
    ContainerRepository containers;

    @Inject
    ContainerRuntime runtime;

    @Inject
    BackupRepository repository;

    @Inject
    BackupRuns runs;

    @Inject
    BackupSettings settings;

    @Inject
    BackupAge age;

    @Inject
    EmbeddedDatabase database;

    @Inject
    @ConfigProperty(name = "spoq.db.user", defaultValue = "postgres")
    String dbUser;

    @Inject
    @ConfigProperty(name = "spoq.db.password")
    Optional<String> dbPassword;

    @Asynchronous
    public void run(UUID runId) {
        boolean failed = false;
        long started = System.nanoTime();
        try {
            for (Container container : containers.all()) {
                if (!WITHOUT_HOME.contains(container.status())) {
                    backUpHome(runId, container);
                }
            }
            backUpDatabase(runId);
            try {
                repository.applyRetention(settings.keepDaily(), settings.keepWeekly());
            } catch (BackupFailed e) {
                failed = true;
                LOG.warning(() -> "Backup run " + runId + ": retention failed: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            failed = true;
            LOG.severe(() -> "Backup run " + runId + " stopped: " + e);
        } finally {
            String outcome = runs.finish(runId, failed);
            age.refresh();
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            LOG.info(() -> "Backup run " + runId + " " + outcome + " in " + seconds + " s");
        }
    }

    private void backUpHome(UUID runId, Container container) {
        long item = runs.startItem(runId, SnapshotTags.HOME, container.id(), container.userId(), container.subdomain());
        Optional<Path> copy = Optional.empty();
        try {
            copy = runtime.copyHome(container.subdomain());
            if (copy.isEmpty()) {
                runs.failed(item, "the computer has no disk on this node");
                return;
            }
            StoredSnapshot snapshot = repository.backupDirectory(copy.get(),
                    SnapshotTags.home(container.id(), container.userId(), container.subdomain()));
            runs.succeeded(item, snapshot);
            LOG.info(() -> "Backed up the home of " + container.subdomain() + ": snapshot " + snapshot.id() + ", "
                    + snapshot.bytes() + " bytes (" + snapshot.bytesAdded() + " new)");
        } catch (RuntimeException e) {
            runs.failed(item, e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.warning(() -> "Backing up the home of " + container.subdomain() + " failed: " + e.getMessage());
        } finally {
            if (copy.isPresent()) {
                try {
                    runtime.releaseHomeCopy(container.subdomain());
                } catch (RuntimeException e) {
                    LOG.warning(() -> "The copy of the disk of " + container.subdomain() + " was not dropped: " + e.getMessage());
                }
            }
        }
    }

    private void backUpDatabase(UUID runId) {
        long item = runs.startItem(runId, SnapshotTags.DATABASE, null, null, null);
        try {
            DatabaseDump dump = DatabaseDump.of(database.jdbcUrl(), dbUser, dbPassword.orElse(""));
            StoredSnapshot snapshot = repository.backupOutputOf(dump.command(settings.pgDump()), DatabaseDump.FILE_NAME,
                    SnapshotTags.database());
            runs.succeeded(item, snapshot);
            LOG.info(() -> "Backed up the database: snapshot " + snapshot.id() + ", " + snapshot.bytes() + " bytes");
        } catch (RuntimeException e) {
            runs.failed(item, e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.warning(() -> "Backing up the database failed: " + e.getMessage());
        }
    }
}
