package dev.spoq.cloud.account;

import dev.spoq.cloud.device.DeviceView;

import java.util.List;
import java.util.UUID;

/**
 * Everything a user (or the wizard) needs to know to resume: address, computer state, logins, devices.
 * host and sshPort are the SSH endpoint users type (the gateway), e.g. ssh -p 22 alice@alice.spoq.dev.
 */
public record AccountStatus(String subdomain, String host, int sshPort, String containerStatus, String containerStatusReason,
                            String subscriptionStatus, List<ProfileSummary> profiles, List<DeviceView> devices) {

    public record ProfileSummary(UUID profileId, String username) {
    }
}
