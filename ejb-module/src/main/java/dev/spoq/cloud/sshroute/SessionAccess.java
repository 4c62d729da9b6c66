package dev.spoq.cloud.sshroute;

import dev.spoq.cloud.account.SubscriptionStatus;
import dev.spoq.cloud.provisioning.ContainerStatus;

import java.util.Optional;

/**
 * Whether an open SSH session may go on, as a plain function of what the database says about its device
 * now. Narrower than a login's decision on purpose: a session ends only when access has ended (the device
 * or its profile is gone, the subscription no longer allows use, the computer is suspended or deleted),
 * never because a computer is restarting or briefly failed, and never for a state a device may gain later
 * (awaiting its first login, say): a device that exists keeps its sessions unless its account lost access.
 *
 * @param device empty when the device, or its profile, no longer exists
 * @param renewPage where an ended subscription is renewed (the dashboard's address), as in {@link SshLogin}
 */
record SessionAccess(Optional<Owner> device, String renewPage) {

    /** The account and computer of a device that still exists. */
    record Owner(SubscriptionStatus subscription, Optional<ContainerStatus> computer) {
    }

    /** Why the session must end now, in the words the user reads; empty while it may go on. */
    Optional<String> endedBecause() {
        if (device.isEmpty()) {
            return Optional.of(deviceRemoved());
        }
        Owner owner = device.get();
        if (!owner.subscription().allowsUse()) {
            return Optional.of(LoginMessages.subscriptionEnded(owner.subscription(), renewPage));
        }
        if (owner.computer().isEmpty()) {
            return Optional.of(LoginMessages.deleted());
        }
        return switch (owner.computer().get()) {
            case SUSPENDED -> Optional.of(LoginMessages.suspended());
            case DELETING, DELETED -> Optional.of(LoginMessages.deleted());
            // a session on a computer that fell asleep meanwhile is a race the next login wakes it from
            case PENDING, PROVISIONING, RUNNING, SLEEPING, FAILED -> Optional.empty();
        };
    }

    static String deviceRemoved() {
        return "This device was removed from your Spoq account.";
    }
}
