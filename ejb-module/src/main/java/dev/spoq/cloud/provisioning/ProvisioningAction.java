package dev.spoq.cloud.provisioning;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a provisioning command asks for. Every action is safe to repeat. */
public enum ProvisioningAction {
    /** Bring the container to running (create, update, restart) and its logins up to date. */
    ENSURE,
    /** Make the Linux logins and their keys inside a running container match the database. */
    SYNC_LOGINS("sync-accounts"), // its name before; such commands may still wait on the persistent queue
    /** Stop the container, keep its home. */
    SUSPEND,
    /** Remove the container and its home. */
    DELETE;

    private final List<String> formerNames;

    ProvisioningAction(String... formerNames) {
        this.formerNames = List.of(formerNames);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ProvisioningAction fromWire(String name) {
        return Arrays.stream(values())
                .filter(action -> action.wireName().equals(name) || action.formerNames.contains(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No provisioning action '" + name + "'"));
    }
}
