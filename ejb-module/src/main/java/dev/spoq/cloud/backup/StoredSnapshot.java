package dev.spoq.cloud.backup;

/**
 * A snapshot just written.
 *
 * @param bytes      the size of what was backed up
 * @param bytesAdded what the repository grew by (after deduplication and compression)
 */
public record StoredSnapshot(String id, long bytes, long bytesAdded) {
}
