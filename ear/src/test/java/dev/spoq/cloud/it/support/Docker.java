package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The {@code docker} CLI, as an operator would use it: what Swarm really has, behind the platform's back. */
public final class Docker {

    private Docker() {
    }

    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }

        public String trimmed() {
            return output.strip();
        }
    }

    /** Runs {@code docker args...} (stdout and stderr together); never throws for a non-zero exit. */
    public static Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(Arrays.asList(args));
        return exec(command, 120);
    }

    /** Runs docker and asserts exit 0; returns the output. */
    public static String ok(String... args) {
        Result result = run(args);
        assertEquals(0, result.exitCode(), () -> "docker " + String.join(" ", args) + " failed: " + result.output());
        return result.output();
    }

    static Result exec(List<String> command, int timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().remove("SSH_AUTH_SOCK");
            Process process = builder.start();
            process.getOutputStream().close();
            // read fully on this thread; output is small
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String serviceName(String subdomain) {
        return "spoq-" + subdomain;
    }

    public static String volumeName(String subdomain) {
        return "spoq-home-" + subdomain;
    }

    public static boolean serviceExists(String service) {
        return run("service", "inspect", "--format", "{{.ID}}", service).ok();
    }

    public static boolean volumeExists(String volume) {
        return run("volume", "inspect", "--format", "{{.Name}}", volume).ok();
    }

    /** {@code docker service inspect} as JSON (the first and only element), empty when there is no such service. */
    public static Optional<JsonNode> inspectService(String service) {
        Result result = run("service", "inspect", service);
        if (!result.ok()) {
            return Optional.empty();
        }
        JsonNode array = Json.parseOrNull(result.output());
        return array == null || array.isEmpty() ? Optional.empty() : Optional.of(array.get(0));
    }

    public static Optional<JsonNode> inspectContainer(String container) {
        Result result = run("container", "inspect", container);
        if (!result.ok()) {
            return Optional.empty();
        }
        JsonNode array = Json.parseOrNull(result.output());
        return array == null || array.isEmpty() ? Optional.empty() : Optional.of(array.get(0));
    }

    /** The id of the running task container of a service on this node, if there is one. */
    public static Optional<String> runningContainerOf(String service) {
        Result result = run("ps", "-q", "--no-trunc", "--filter", "label=com.docker.swarm.service.name=" + service,
                "--filter", "status=running");
        if (!result.ok()) {
            return Optional.empty();
        }
        return result.output().lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst();
    }

    /** The service's desired replica count (replicated mode), -1 when there is no such service. */
    public static long replicas(String service) {
        return inspectService(service).map(s -> s.path("Spec").path("Mode").path("Replicated").path("Replicas").asLong(-1))
                .orElse(-1L);
    }

    /** {@code docker exec <container> args...}. */
    public static Result execIn(String container, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "exec", container));
        command.addAll(Arrays.asList(args));
        return exec(command, 60);
    }

    /** Removes a service; true when it was there. "Not found" is fine. */
    public static boolean removeService(String service) {
        Result result = run("service", "rm", service);
        return result.ok();
    }

    /**
     * Removes a volume, waiting (up to {@code seconds}) while a stopping container still uses it.
     * True when it is gone (removed now or not there).
     */
    public static boolean removeVolume(String volume, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Result result = run("volume", "rm", volume);
            if (result.ok() || result.output().toLowerCase().contains("no such volume")) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                System.err.println("[it-cleanup] could not remove volume " + volume + ": " + result.trimmed());
                return false;
            }
            Poll.sleep(500);
        }
    }
}
