package dev.spoq.cloud.sshroute;

import dev.spoq.cloud.account.SubscriptionStatus;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerStatus;
import dev.spoq.cloud.sshroute.SshRoute.Ready;
import dev.spoq.cloud.sshroute.SshRoute.Refused;
import dev.spoq.cloud.sshroute.SshRoute.Starting;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One SSH login as the control plane sees it: whose device, which profile, the subscription, and the
 * computer (empty before an address is claimed). {@link #decide()} is the rule, a plain function.
 * {@code renewPage} is where billing messages send the user (the dashboard's address).
 */
record SshLogin(UUID deviceId, String subdomain, String linuxUser, SubscriptionStatus subscription,
                Optional<ContainerStatus> computer, String statusReason, Optional<Sshd> sshd, String renewPage) {

    /** Where the computer's sshd answers, known once it runs and has been published. */
    record Sshd(String host, int port, List<String> hostKeys) {

        static Optional<Sshd> of(Container container) {
            List<String> keys = container.hostKeys() == null ? List.of()
                    : container.hostKeys().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            boolean published = container.status() == ContainerStatus.RUNNING && container.hostNode() != null
                    && !container.hostNode().isBlank() && container.sshPort() > 0 && !keys.isEmpty();
            return published ? Optional.of(new Sshd(container.hostNode(), container.sshPort(), keys)) : Optional.empty();
        }
    }

    SshRoute decide() {
        if (!subscription.allowsUse()) {
            return new Refused(LoginMessages.subscriptionEnded(subscription, renewPage));
        }
        if (computer.isEmpty()) {
            return new Refused(LoginMessages.noComputer());
        }
        return switch (computer.get()) {
            case PENDING, PROVISIONING -> starting();
            // running but not yet published (no address or host key): it is still coming up
            case RUNNING -> sshd.map(this::ready).orElseGet(this::starting);
            case SLEEPING -> waking();
            case FAILED -> new Refused(LoginMessages.failed(statusReason));
            case SUSPENDED -> new Refused(LoginMessages.suspended());
            case DELETING, DELETED -> new Refused(LoginMessages.deleted());
        };
    }

    /** Whether this login wakes the computer: it sleeps and the subscription allows use (a suspended one never wakes). */
    boolean wakesComputer() {
        return subscription.allowsUse() && computer.filter(status -> status == ContainerStatus.SLEEPING).isPresent();
    }

    private SshRoute waking() {
        return new Starting(deviceId, subdomain, LoginMessages.joined(notice(), LoginMessages.waking()));
    }

    private SshRoute ready(Sshd at) {
        return new Ready(deviceId, subdomain, at.host(), at.port(), linuxUser, at.hostKeys(), notice().orElse(null));
    }

    private SshRoute starting() {
        return new Starting(deviceId, subdomain, LoginMessages.joined(notice(), LoginMessages.starting()));
    }

    /** A subscription whose last payment failed still works, but the user should hear about it. */
    private Optional<String> notice() {
        return subscription == SubscriptionStatus.PAST_DUE ? Optional.of(LoginMessages.paymentPastDue(renewPage)) : Optional.empty();
    }
}
