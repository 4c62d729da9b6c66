package dev.spoq.cloud.backup;

import dev.spoq.cloud.account.AccountDeleted;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A deleted account's home snapshots leave the repository with it (found by their {@code user} tag). Only once the
 * deletion has committed, and off the request: a prune can take minutes. The daily database dumps still hold the
 * account's tombstone row until retention drops them.
 */
@ApplicationScoped
public class LeaverBackups {

    private static final Logger LOG = Logger.getLogger(LeaverBackups.class.getName());

    @Inject
    BackupRepository repository;

    @Resource
    ManagedExecutorService executor;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountDeleted gone) {
        executor.submit(() -> forgetHomesOf(gone));
    }

    private void forgetHomesOf(AccountDeleted gone) {
        try {
            List<String> ids = repository.snapshotsTagged(SnapshotTags.USER, gone.userId().toString()).stream()
                    .map(Snapshot::id).toList();
            repository.forget(ids);
            LOG.info(() -> "Removed " + ids.size() + " home snapshots of deleted account " + gone.userId());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The home snapshots of deleted account " + gone.userId()
                    + " are still in the repository: an operator removes them with restic forget and the ids of restic snapshots --tag user=" + gone.userId(), e);
        }
    }
}
