package dev.spoq.cloud.account;

import dev.spoq.cloud.device.DeviceView;
import dev.spoq.cloud.provisioning.ContainerStatus;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything a user (or the wizard) needs to know to resume: address, computer state, logins, devices.
 * host and sshPort are the SSH endpoint users type (the gateway), e.g. ssh -p 22 alice@alice.spoq.dev.
 * containerStatus is empty until an address is claimed (the claim creates the computer).
 */
public record AccountStatus(String subdomain, String host, int sshPort,
                            @JsonbTypeAdapter(ContainerStatusJson.class) Optional<ContainerStatus> containerStatus,
                            String containerStatusReason, SubscriptionStatus subscriptionStatus,
                            List<ProfileSummary> profiles, List<DeviceView> devices) {

    public record ProfileSummary(UUID profileId, String username) {
    }

    /** In the API's JSON (GET /api/status) the status is its wire name, and "none" while there is no computer. */
    public static final class ContainerStatusJson implements JsonbAdapter<Optional<ContainerStatus>, String> {
        static final String NO_COMPUTER = "none";

        @Override
        public String adaptToJson(Optional<ContainerStatus> status) {
            return status.map(ContainerStatus::wireName).orElse(NO_COMPUTER);
        }

        @Override
        public Optional<ContainerStatus> adaptFromJson(String name) {
            return NO_COMPUTER.equals(name) ? Optional.empty() : Optional.of(ContainerStatus.ofWireName(name));
        }
    }
}
