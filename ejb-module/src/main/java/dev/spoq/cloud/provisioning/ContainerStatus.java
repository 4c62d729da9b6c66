package dev.spoq.cloud.provisioning;

import java.util.Locale;

public enum ContainerStatus {
    PENDING, PROVISIONING, RUNNING,
    /** Stopped for being idle (no SSH session, little CPU), files kept; the next SSH login or the dashboard wakes it. */
    SLEEPING,
    FAILED,
    /** Stopped by billing or an operator, files kept; no login wakes it. */
    SUSPENDED,
    DELETING, DELETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContainerStatus ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
