package dev.spoq.cloud.provisioning;

import java.util.Locale;

public enum ContainerStatus {
    PENDING, PROVISIONING, RUNNING, FAILED, SUSPENDED, DELETING, DELETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContainerStatus ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
