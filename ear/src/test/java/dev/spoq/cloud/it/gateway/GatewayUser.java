package dev.spoq.cloud.it.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.Poll;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscriber of these tests: registered, subdomain "g" + random claimed (a real computer; the test class
 * carries {@code @ExtendWith(ComputerCleanup.class)}), one profile, one device whose key is a real ssh-keygen
 * identity.
 */
final class GatewayUser {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    final ApiClient api;
    final OpsClient ops;
    final TestAccount account;
    final SshIdentity identity;
    final String deviceId;

    private GatewayUser(ApiClient api, TestAccount account, SshIdentity identity, String deviceId) {
        this.api = api;
        this.ops = new OpsClient(api);
        this.account = account;
        this.identity = identity;
        this.deviceId = deviceId;
    }

    /**
     * register → claim → profile → device, not waiting for the computer. The key is made first, so that the
     * device exists as soon as possible after the claim (a login right after this finds the computer starting).
     */
    static GatewayUser claim(ApiClient api) {
        SshIdentity identity = SshIdentity.generate();
        TestAccount account = TestAccount.register(api).claimSubdomain("g" + Unique.alnum(10));
        account.createProfile();
        String deviceId = account.addDevice(account.profileId(), identity.key()).path("device_id").asText();
        return new GatewayUser(api, account, identity, deviceId);
    }

    /** Waits (GET /api/status, the user's own view) until container_status is "running". */
    GatewayUser awaitRunning() {
        return awaitRunning(START_TIMEOUT);
    }

    GatewayUser awaitRunning(Duration timeout) {
        Poll.until(timeout, "running (GET /api/status of " + subdomain() + ")",
                () -> account.status().expect(200), status -> "running".equals(status.path("container_status").asText()));
        return this;
    }

    /** The user's own view of the computer's status (container_status of GET /api/status). */
    String containerStatus() {
        return account.status().expect(200).path("container_status").asText();
    }

    /** The internal view (by user id): container_id, status, node, ssh_port. */
    JsonNode state() {
        return ops.computerOf(account.userId()).expect(200);
    }

    String containerId() {
        return state().path("container_id").asText();
    }

    /** The computer's own sshd port (published on the node), for direct comparison. */
    int directPort() {
        int port = state().path("ssh_port").asInt();
        assertTrue(port > 0, "ssh_port of " + subdomain());
        return port;
    }

    String subdomain() {
        return account.subdomain();
    }

    String username() {
        return account.username();
    }

    String userId() {
        return account.userId();
    }
}
