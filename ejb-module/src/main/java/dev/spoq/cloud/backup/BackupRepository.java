package dev.spoq.cloud.backup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to wherever backups are kept (a restic repository today), in the domain's words: encrypted,
 * deduplicated snapshots tagged by whose they are. Failures are {@link BackupFailed}.
 */
public interface BackupRepository {

    /** A snapshot of the directory's contents (not of its path), with the tags (key=value). */
    StoredSnapshot backupDirectory(Path directory, Map<String, String> tags);

    /** A snapshot holding one file, {@code fileName}: what {@code producer} writes to its standard output. */
    StoredSnapshot backupOutputOf(ProcessBuilder producer, String fileName, Map<String, String> tags);

    /** The snapshots carrying the tag, oldest first. */
    List<Snapshot> snapshotsTagged(String key, String value);

    /** The snapshot whose id is or starts with {@code id}; empty when there is none (or several). */
    Optional<Snapshot> find(String id);

    /** Writes the snapshot's contents into {@code target} (an existing, empty directory). */
    void restore(String snapshotId, Path target);

    /** Removes these snapshots and frees what only they held. */
    void forget(List<String> snapshotIds);

    /** Keeps the last snapshot of each of the last {@code daily} days and {@code weekly} weeks, per series; frees the rest. */
    void applyRetention(int daily, int weekly);
}
