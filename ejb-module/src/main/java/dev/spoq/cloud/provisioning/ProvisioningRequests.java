package dev.spoq.cloud.provisioning;

import java.time.Duration;
import java.util.UUID;

/**
 * The port through which services ask for a user's container to be brought to its desired state: each
 * request puts one {@link ProvisioningCommand} (the message) on the queue, where
 * {@link ProvisioningQueueBrowser} shows it to operators until {@link ProvisioningConsumer} takes it. The
 * command joins the caller's transaction: it is sent if and only if the caller commits. Commands are safe
 * to repeat.
 */
public interface ProvisioningRequests {

    void request(ProvisioningCommand command, Duration delay);

    default void requestEnsure(UUID userId, String subdomain) {
        request(new ProvisioningCommand(ProvisioningAction.ENSURE, userId, subdomain), Duration.ZERO);
    }

    default void requestLoginsSync(UUID userId) {
        request(new ProvisioningCommand(ProvisioningAction.SYNC_LOGINS, userId, null), Duration.ZERO);
    }
}
