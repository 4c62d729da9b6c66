package dev.spoq.cloud.gateway;

import java.util.List;
import java.util.UUID;

/** Where a (login, key) pair goes: the account, its computer's sshd and the host keys to expect there. */
public record GatewayRoute(UUID userId, UUID deviceId, String subdomain, String linuxUser, String containerStatus,
                           String statusReason, String upstreamHost, Integer upstreamPort,
                           List<String> upstreamHostKeys, String subscriptionStatus) {
}
