package dev.spoq.cloud.provisioning;

import java.time.Duration;
import java.util.UUID;

/**
 * Asks for a user's computer to be brought to its desired state. The command joins the caller's
 * transaction: it is sent if and only if the caller commits. Commands are safe to repeat.
 */
public interface ProvisioningCommands {

    void request(ProvisioningCommand command, Duration delay);

    default void requestEnsure(UUID userId, String subdomain) {
        request(new ProvisioningCommand(ProvisioningAction.ENSURE, userId, subdomain), Duration.ZERO);
    }

    default void requestAccountsSync(UUID userId) {
        request(new ProvisioningCommand(ProvisioningAction.SYNC_ACCOUNTS, userId, null), Duration.ZERO);
    }
}
