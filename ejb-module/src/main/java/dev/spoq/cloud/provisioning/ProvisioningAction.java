package dev.spoq.cloud.provisioning;

import java.util.Locale;

/** What a provisioning command asks for. Every action is safe to repeat. */
public enum ProvisioningAction {
    /** Bring the computer to running (create, update, restart) and its accounts up to date. */
    ENSURE,
    /** Make the Linux users and keys inside a running computer match the database. */
    SYNC_ACCOUNTS,
    /** Stop the computer, keep its home. */
    SUSPEND,
    /** Remove the computer and its home volume. */
    DELETE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ProvisioningAction fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
