package dev.spoq.cloud.backup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The tags that say what a snapshot holds and whose it is. They, not our own tables, decide whose a snapshot
 * is when it is restored: the repository is what survives a lost database.
 */
public final class SnapshotTags {

    public static final String KIND = "kind";
    public static final String SUBDOMAIN = "subdomain";
    public static final String CONTAINER = "container";
    public static final String USER = "user";

    public static final String HOME = "home";
    public static final String DATABASE = "database";

    private SnapshotTags() {
    }

    public static Map<String, String> home(UUID containerId, UUID userId, String subdomain) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(KIND, HOME);
        tags.put(SUBDOMAIN, subdomain);
        tags.put(CONTAINER, containerId.toString());
        tags.put(USER, userId.toString());
        return tags;
    }

    public static Map<String, String> database() {
        return Map.of(KIND, DATABASE);
    }
}
