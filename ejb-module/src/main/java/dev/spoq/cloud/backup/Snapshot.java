package dev.spoq.cloud.backup;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One snapshot in the repository; its tags say what it holds and whose it is ({@link SnapshotTags}). */
public record Snapshot(String id, String shortId, Instant time, Map<String, String> tags) {

    public String kind() {
        return tags.getOrDefault(SnapshotTags.KIND, "");
    }

    public Optional<UUID> containerId() {
        return uuid(SnapshotTags.CONTAINER);
    }

    public Optional<UUID> userId() {
        return uuid(SnapshotTags.USER);
    }

    public Optional<String> subdomain() {
        return Optional.ofNullable(tags.get(SnapshotTags.SUBDOMAIN));
    }

    private Optional<UUID> uuid(String key) {
        try {
            return Optional.ofNullable(tags.get(key)).map(UUID::fromString);
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }
}
