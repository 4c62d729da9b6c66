package dev.spoq.cloud.provisioning;

import java.util.Locale;

/** What a provisioning command asks for. Every action is safe to repeat. */
public enum ProvisioningAction {
    /** Bring the container to running (create, update, restart) and its logins up to date. */
    ENSURE,
    /** Make the Linux logins and their keys inside a running container match the database. */
    SYNC_LOGINS,
    /** Stop the container, keep its home. */
    SUSPEND,
    /** Remove the container and its home. */
    DELETE;

    /** What SYNC_LOGINS was called before; commands of that name may still wait on a persistent queue. */
    private static final String OLD_SYNC_LOGINS = "sync-accounts";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ProvisioningAction fromWire(String name) {
        return name.equals(OLD_SYNC_LOGINS) ? SYNC_LOGINS : valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
