package dev.spoq.cloud.it.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.OpsClient;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The subscribers one test makes and their computers: registering, claiming (subdomains "r" + random),
 * reading the status, logging in over SSH, and removing every service and volume at the end.
 */
final class Computers implements AutoCloseable {

    /** One registered user; the subdomain is recorded before the claim is sent, so cleanup finds it. */
    static final class Subscriber {
        final TestAccount account;
        String subdomain;
        String username;
        DeviceKey key;

        Subscriber(TestAccount account) {
            this.account = account;
        }

        String service() {
            return "spoq-" + subdomain;
        }

        String volume() {
            return "spoq-home-" + subdomain;
        }

        @Override
        public String toString() {
            return "user " + account.userId() + " (" + subdomain + ")";
        }
    }

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final ApiClient api;
    private final List<Subscriber> subscribers = new ArrayList<>();

    Computers(ApiClient api) {
        this.api = api;
    }

    Subscriber register() {
        Subscriber subscriber = new Subscriber(TestAccount.register(api));
        subscribers.add(subscriber);
        return subscriber;
    }

    /** POST /api/setup/subdomain with a fresh "r…" name; asserts 201. */
    void claim(Subscriber subscriber) {
        subscriber.subdomain = "r" + Unique.alnum(10);
        ApiResponse claimed = subscriber.account.claim(subscriber.subdomain);
        assertEquals(201, claimed.status(), () -> "claim of " + subscriber.subdomain + ": " + claimed);
    }

    /** A profile (the Linux user) and one device holding a fresh key. */
    void addProfileAndKey(Subscriber subscriber) {
        subscriber.username = Unique.username();
        String profileId = subscriber.account.createProfile(subscriber.username);
        subscriber.key = DeviceKey.generate();
        subscriber.account.addKeys(profileId, subscriber.key.publicLine()).expect(201);
    }

    /** GET /api/status as the user; asserts 200. */
    JsonNode status(Subscriber subscriber) {
        ApiResponse response = api.send("GET", "/api/status", ApiClient.bearer(subscriber.account.token()), null, READ_TIMEOUT);
        assertEquals(200, response.status(), () -> "GET /api/status: " + response);
        return response.json();
    }

    static String containerStatus(JsonNode status) {
        return status.path("container_status").asText();
    }

    /** Polls /api/status until container_status is the wanted one. */
    Poll.Outcome<JsonNode> awaitStatus(Subscriber subscriber, String wanted, Duration deadline, Duration interval) {
        return Poll.until(subscriber + " reaches container_status " + wanted, deadline, interval,
                () -> status(subscriber), status -> wanted.equals(containerStatus(status)));
    }

    /** GET /internal/containers/by-user/{user_id} with the internal token; asserts 200. */
    JsonNode internalState(Subscriber subscriber) {
        ApiResponse response = api.send("GET", "/internal/containers/by-user/" + subscriber.account.userId(),
                ApiClient.bearer(OpsClient.internalToken()), null, READ_TIMEOUT);
        assertEquals(200, response.status(), () -> "GET /internal/containers/by-user: " + response);
        return response.json();
    }

    /** Polls an SSH login (as the profile user, with the device key, on ssh_port) until `id -un` prints the user. */
    Duration awaitLogin(Subscriber subscriber, Duration deadline) {
        int port = internalState(subscriber).path("ssh_port").asInt();
        return Poll.until("ssh " + subscriber.username + "@127.0.0.1 -p " + port + " into " + subscriber.subdomain,
                deadline, Duration.ofMillis(500),
                () -> subscriber.key.login(subscriber.username, port),
                login -> login.ok() && login.output().strip().equals(subscriber.username)).elapsed();
    }

    /**
     * Deletes each claimed computer through the internal API (so the reconciler does not bring it back),
     * then makes sure its service and volume are gone. Fails listing what could not be removed.
     */
    @Override
    public void close() {
        List<String> left = new ArrayList<>();
        for (Subscriber subscriber : subscribers) {
            if (subscriber.key != null) {
                subscriber.key.close();
            }
            if (subscriber.subdomain == null) {
                continue;
            }
            try {
                ApiResponse state = api.send("GET", "/internal/containers/by-user/" + subscriber.account.userId(),
                        ApiClient.bearer(OpsClient.internalToken()), null, READ_TIMEOUT);
                if (state.status() == 200) {
                    api.send("DELETE", "/internal/containers/" + state.json().path("container_id").asText(),
                            ApiClient.bearer(OpsClient.internalToken()), null, READ_TIMEOUT);
                    // the platform removes service and volume itself; give it a moment before doing it by hand
                    Poll.upTo(Duration.ofSeconds(30), Duration.ofMillis(500),
                            () -> Docker.exists("service", subscriber.service()) || Docker.exists("volume", subscriber.volume()),
                            present -> !present);
                }
            } catch (RuntimeException e) {
                System.out.println("[cleanup] could not delete " + subscriber + " through the internal API: " + e);
            }
            String notRemoved = Docker.removeServiceAndVolume(subscriber.service(), subscriber.volume());
            if (!notRemoved.isEmpty()) {
                left.add(notRemoved);
            }
        }
        subscribers.clear();
        if (!left.isEmpty()) {
            throw new AssertionError("cleanup could not remove: " + left);
        }
    }

    /** "12.3 s" */
    static String secs(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
