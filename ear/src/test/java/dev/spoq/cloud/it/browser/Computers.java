package dev.spoq.cloud.it.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.OpsClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The users' computers the browser tests cause (a claimed address becomes a Swarm service): finding them,
 * logging into them with ssh, and removing them afterwards (DELETE /internal/containers/{id}, then by hand
 * with the docker CLI if the service or its volume is still there).
 */
final class Computers {

    private final ApiClient api = new ApiClient();
    private final List<String> subdomains = new ArrayList<>();

    /** Remembers an address to clean up after the test. */
    void created(String subdomain) {
        subdomains.add(subdomain);
    }

    /**
     * The user id behind an address made through the pages (the pages never show ids): the label the
     * platform puts on the user's Swarm service.
     */
    Optional<String> userIdOf(String subdomain) {
        String out = docker("service", "inspect", "--format", "{{index .Spec.Labels \"spoq.user\"}}", "spoq-" + subdomain);
        return out == null || out.isBlank() ? Optional.empty() : Optional.of(out.strip());
    }

    /** GET /internal/containers/by-user/{id} with the internal token. */
    JsonNode byUser(String userId) {
        return api.get("/internal/containers/by-user/" + userId, OpsClient.internalToken()).expect(200);
    }

    /**
     * Runs {@code ssh -i key -p PORT login@127.0.0.1 id -un} against the computer's own sshd until it answers
     * (the keys reach the computer asynchronously) or the time is up; returns the last output.
     */
    String sshWhoAmI(Path privateKey, String login, int port, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = run(List.of("/usr/bin/ssh", "-i", privateKey.toString(), "-o", "BatchMode=yes",
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=5",
                    "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
                    "-p", Integer.toString(port), login + "@127.0.0.1", "id", "-un"));
            if (last.strip().equals(login)) {
                return last.strip();
            }
            Thread.sleep(1500);
        }
        return last;
    }

    /** Deletes every computer this test made; never fails the test (it runs in @AfterAll / finally). */
    void removeAll() {
        for (String subdomain : subdomains) {
            try {
                userIdOf(subdomain).ifPresent(userId -> {
                    ApiResponse state = api.get("/internal/containers/by-user/" + userId, OpsClient.internalToken());
                    if (state.status() == 200) {
                        api.delete("/internal/containers/" + state.json().path("container_id").asText(), OpsClient.internalToken());
                    }
                });
            } catch (RuntimeException e) {
                System.err.println("cleanup of " + subdomain + " through the API failed: " + e);
            }
        }
        for (String subdomain : subdomains) {
            // the platform removes service and volume asynchronously; give it a moment, then make sure
            for (int i = 0; i < 30 && docker("service", "inspect", "spoq-" + subdomain) != null; i++) {
                sleepQuietly(1000);
            }
            docker("service", "rm", "spoq-" + subdomain);
            for (int i = 0; i < 15 && docker("volume", "rm", "spoq-home-" + subdomain) == null
                    && docker("volume", "inspect", "spoq-home-" + subdomain) != null; i++) {
                sleepQuietly(1000);
            }
        }
        subdomains.clear();
    }

    /** Runs the docker CLI; its output, or null when it failed (e.g. no such service). */
    private static String docker(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
