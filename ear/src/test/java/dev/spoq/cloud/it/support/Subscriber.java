package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscriber with a real computer, as the system tests need one: registered, a subdomain claimed (a real
 * computer: the test class carries {@code @ExtendWith(ComputerCleanup.class)} or calls {@link Computers#removeNow()}),
 * one profile, one device whose key is a real ssh-keygen identity. Each suite claims under its own prefix, so that
 * it only ever touches its own services.
 *
 * @param account       the user's API session
 * @param ops           the internal endpoints, to look at and act on the user's computer as billing or an operator does
 * @param identity      the device's key pair; null until {@link #addProfileAndDevice()}
 * @param deviceId      the device's id; null until then
 * @param pairingCode   the code the device's first login through the gateway asks for; null until then
 * @param profileMillis how long POST /api/setup/profile took, in ms; -1 until then
 */
public record Subscriber(TestAccount account, OpsClient ops, SshIdentity identity, String deviceId, String pairingCode,
                         long profileMillis) {

    /** A claimed computer runs within a minute. */
    public static final Duration START = Duration.ofSeconds(60);

    /**
     * register → claim → profile → device, not waiting for the computer. The key is made first, so that the
     * profile and the device follow the claim as closely as they can (a login right after this finds the computer
     * starting, and the profile's time is that of one sent right after the claim).
     */
    public static Subscriber claim(ApiClient api, String prefix) {
        SshIdentity identity = SshIdentity.generate();
        return register(api).claim(prefix).addProfileAndDevice(identity);
    }

    /** A newly registered user, nothing claimed yet. */
    public static Subscriber register(ApiClient api) {
        return new Subscriber(TestAccount.register(api), new OpsClient(api), null, null, null, -1);
    }

    public String userId() {
        return account.userId();
    }

    /** POST /api/setup/subdomain with the prefix and 10 random characters; asserts 201. */
    public Subscriber claim(String prefix) {
        account.claimSubdomain(Unique.subdomain(prefix));
        return this;
    }

    /** The claimed subdomain, which is also the computer's hostname. */
    public String subdomain() {
        return account.subdomain();
    }

    /** A profile (the Linux user) and one device holding a fresh key: this subscriber with them. */
    public Subscriber addProfileAndDevice() {
        return addProfileAndDevice(SshIdentity.generate());
    }

    private Subscriber addProfileAndDevice(SshIdentity key) {
        long before = System.nanoTime();
        account.createProfile();
        long millis = (System.nanoTime() - before) / 1_000_000;
        JsonNode device = account.addDevice(account.profileId(), key.key());
        return new Subscriber(account, ops, key, device.path("device_id").asText(), device.path("pairing_code").asText(null), millis);
    }

    /** The device's first login through the gateway: {@code command}, answering the pairing code when asked. */
    public Proc.Result firstLogin(OpenSsh gateway, String command, Duration timeout) {
        return gateway.sshWithPairingCode(identity, username(), pairingCode, command, timeout);
    }

    /** The Linux user of the first profile. */
    public String username() {
        return account.username();
    }

    /** Waits (GET /api/status, the user's own view) until container_status is "running", at most {@link #START}. */
    public Subscriber awaitRunning() {
        return awaitRunning(START);
    }

    public Subscriber awaitRunning(Duration timeout) {
        await("running (GET /api/status of " + subdomain() + ")").atMost(timeout).ignoreExceptions()
                .until(this::containerStatus, "running"::equals);
        return this;
    }

    /** GET /api/status, the user's own view; asserts 200. */
    public JsonNode status() {
        return account.status().expect(200);
    }

    /** The user's own view of the computer's status (container_status of GET /api/status). */
    public String containerStatus() {
        return containerStatus(status());
    }

    public static String containerStatus(JsonNode status) {
        return status.path("container_status").asText();
    }

    /** The internal view (by user id): container_id, status, node, ssh_port, resource_usage. */
    public JsonNode state() {
        return ops.computerOf(account.userId()).expect(200);
    }

    public String containerId() {
        return state().path("container_id").asText();
    }

    /** The computer's Swarm service. */
    public String service() {
        return Docker.serviceName(subdomain());
    }

    /** The computer's home volume. */
    public String volume() {
        return Docker.volumeName(subdomain());
    }

    /** The computer's own sshd port (published on the node). */
    public int sshPort() {
        int port = state().path("ssh_port").asInt();
        assertTrue(port > 0, "ssh_port of " + subdomain());
        return port;
    }

    /** The OpenSSH client against the computer's own sshd, not through the gateway. */
    public OpenSsh direct() {
        return OpenSsh.anyHostKey(sshPort());
    }

    /** Waits until the profile user logs in to the computer's own sshd with the device key; returns how long that took. */
    public Duration awaitLogin(Duration timeout) {
        long started = System.nanoTime();
        assertEquals(username(), direct().awaitLogin(identity, username(), "id -un", timeout), "id -un");
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The id of the running task container (waits up to 30 s for one). */
    public String dockerContainer() {
        return await("a running container of " + service()).atMost(Duration.ofSeconds(30))
                .until(() -> Docker.runningContainerOf(service()).orElse(""), id -> !id.isBlank());
    }

    @Override
    public String toString() {
        return "user " + userId() + " (" + subdomain() + ")";
    }
}
