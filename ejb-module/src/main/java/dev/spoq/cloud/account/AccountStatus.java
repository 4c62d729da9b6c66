package dev.spoq.cloud.account;

import dev.spoq.cloud.device.DeviceView;

import java.util.List;
import java.util.UUID;

/** Everything a user (or the wizard) needs to know to resume: address, computer state, logins, devices. */
public record AccountStatus(String subdomain, String host, String containerStatus, String containerStatusReason,
                            String subscriptionStatus, List<ProfileSummary> profiles, List<DeviceView> devices) {

    public record ProfileSummary(UUID profileId, String username) {
    }
}
