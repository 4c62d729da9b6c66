package dev.spoq.cloud.provisioning;

import java.util.UUID;

/**
 * Asks for a user's computer to be brought to its desired state. The command joins the caller's
 * transaction: it is sent if and only if the caller commits. Commands are safe to repeat.
 */
public interface ProvisioningCommands {

    void requestEnsure(UUID userId, String subdomain);
}
