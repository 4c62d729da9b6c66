package dev.spoq.cloud.it.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.Poll;
import dev.spoq.cloud.it.support.SshIdentity;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A subscriber with a real computer: registered, subdomain "p" + random claimed, one profile and one device
 * whose key is a real ssh-keygen identity. {@link #awaitRunning} waits for the platform to start it.
 */
final class UserComputer {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    final ApiClient api;
    final OpsClient ops;
    final TestAccount account;
    final SshIdentity identity;
    final String deviceId;

    private UserComputer(ApiClient api, TestAccount account, SshIdentity identity, String deviceId) {
        this.api = api;
        this.ops = new OpsClient(api);
        this.account = account;
        this.identity = identity;
        this.deviceId = deviceId;
    }

    /** How long the last {@link #claim}'s POST /api/setup/profile (sent right after the claim) took, in ms. */
    static volatile long lastProfileMillis;

    /** register → claim → profile → device (not waiting for the computer). */
    static UserComputer claim(ApiClient api) {
        TestAccount account = TestAccount.register(api).claimSubdomain(subdomain());
        long before = System.nanoTime();
        account.createProfile();
        lastProfileMillis = (System.nanoTime() - before) / 1_000_000;
        SshIdentity identity = SshIdentity.generate();
        String deviceId = account.addDevice(account.profileId(), identity.key()).path("device_id").asText();
        return new UserComputer(api, account, identity, deviceId);
    }

    /** A fresh subdomain with this suite's prefix ("p"), so that nobody else's services are ever touched. */
    static String subdomain() {
        return "p" + Unique.alnum(10);
    }

    /** Waits (GET /api/status, the user's own view) until container_status is "running"; returns the status. */
    UserComputer awaitRunning() {
        Poll.until(START_TIMEOUT, "running (GET /api/status of " + account.subdomain() + ")",
                () -> account.status().expect(200), status -> "running".equals(status.path("container_status").asText()));
        return this;
    }

    /** The internal view (by user id): container_id, status, node, ssh_port, resource_usage. */
    JsonNode state() {
        return ops.computerOf(account.userId()).expect(200);
    }

    String containerId() {
        return state().path("container_id").asText();
    }

    int sshPort() {
        int port = state().path("ssh_port").asInt();
        assertEquals(true, port > 0, "ssh_port of " + subdomainName());
        return port;
    }

    String subdomainName() {
        return account.subdomain();
    }

    String username() {
        return account.username();
    }

    String service() {
        return Docker.serviceName(account.subdomain());
    }

    String volume() {
        return Docker.volumeName(account.subdomain());
    }

    /** The id of the running task container (waits up to 30 s for one). */
    String dockerContainer() {
        return Poll.until(Duration.ofSeconds(30), "a running container of " + service(),
                () -> Docker.runningContainerOf(service()).orElse(null), id -> !id.isBlank());
    }
}
