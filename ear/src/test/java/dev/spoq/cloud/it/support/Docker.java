package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code docker} CLI, as an operator would use it: what Swarm really has, behind the platform's back; and
 * dockerd itself, stopped and started again for the outage test.
 */
public final class Docker {

    /** Debian's CLI comes with the engine (same API version); any other on the PATH otherwise. */
    private static final String CLI = Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(120);

    private Docker() {
    }

    /** Runs {@code docker args...}; never fails for a non-zero exit. */
    public static Proc.Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(CLI);
        command.addAll(Arrays.asList(args));
        return Proc.run(command, CLI_TIMEOUT);
    }

    /** Runs docker and asserts exit 0; returns stdout. */
    public static String ok(String... args) {
        return run(args).assertOk().stdout();
    }

    /** Does the engine answer ({@code docker info})? */
    public static boolean answers() {
        return Proc.run(Duration.ofSeconds(10), CLI, "info", "--format", "{{.ServerVersion}}").ok();
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
        return inspect("service", service);
    }

    public static Optional<JsonNode> inspectContainer(String container) {
        return inspect("container", container);
    }

    private static Optional<JsonNode> inspect(String kind, String name) {
        Proc.Result result = run(kind, "inspect", name);
        JsonNode array = result.ok() ? Json.parseOrNull(result.stdout()) : null;
        return array == null || array.isEmpty() ? Optional.empty() : Optional.of(array.get(0));
    }

    /** The user id the platform put on the subdomain's service (label spoq.user), if there is such a service. */
    public static Optional<String> userOf(String subdomain) {
        return inspectService(serviceName(subdomain)).map(s -> s.path("Spec").path("Labels").path("spoq.user").asText(""))
                .filter(user -> !user.isBlank());
    }

    /** The id of the running task container of a service on this node, if there is one. */
    public static Optional<String> runningContainerOf(String service) {
        Proc.Result result = run("ps", "-q", "--no-trunc", "--filter", "label=com.docker.swarm.service.name=" + service,
                "--filter", "status=running");
        return result.ok() ? lines(result.stdout()).stream().findFirst() : Optional.empty();
    }

    /** The service's desired replica count (replicated mode), -1 when there is no such service. */
    public static long desiredReplicas(String service) {
        return inspectService(service).map(s -> s.path("Spec").path("Mode").path("Replicated").path("Replicas").asLong(-1))
                .orElse(-1L);
    }

    /** "running/desired" as {@code docker service ls} shows it (e.g. "1/1"), or the CLI's complaint. */
    public static String replicas(String service) {
        Proc.Result result = run("service", "ls", "--filter", "name=" + service, "--format", "{{.Name}} {{.Replicas}}");
        return lines(result.stdout()).stream().filter(l -> l.startsWith(service + " "))
                .map(l -> l.substring(service.length() + 1)).findFirst().orElse("absent (" + result + ")");
    }

    /** The newest task of a service: "&lt;current state&gt; &lt;error&gt;" (e.g. "Rejected 2 seconds ago \"network … exists\""). */
    public static String newestTask(String service) {
        Proc.Result tasks = run("service", "ps", "--no-trunc", "--format", "{{.CurrentState}} {{.Error}}", service);
        return lines(tasks.stdout()).stream().findFirst().orElse("no task (" + tasks + ")");
    }

    /** Replicas and newest task, for failure messages. */
    public static String describe(String service) {
        return service + " " + replicas(service) + ", newest task: " + newestTask(service);
    }

    /** Names of the services that carry the label spoq.subdomain=&lt;subdomain&gt; or are named spoq-&lt;subdomain&gt;. */
    public static List<String> servicesOf(String subdomain) {
        Proc.Result byName = run("service", "ls", "--filter", "name=" + serviceName(subdomain), "--format", "{{.Name}}");
        Proc.Result byLabel = run("service", "ls", "--filter", "label=spoq.subdomain=" + subdomain, "--format", "{{.Name}}");
        assertTrue(byName.ok() && byLabel.ok(), () -> "docker service ls failed: " + byName + " / " + byLabel);
        // the name filter matches prefixes: keep the exact name
        Stream<String> named = lines(byName.stdout()).stream().filter(n -> n.equals(serviceName(subdomain)));
        return Stream.concat(named, lines(byLabel.stdout()).stream()).distinct().toList();
    }

    /** Asserts that exactly one Swarm service, spoq-&lt;subdomain&gt;, exists for this subdomain. */
    public static void assertExactlyOneService(String subdomain) {
        List<String> services = servicesOf(subdomain);
        assertEquals(List.of(serviceName(subdomain)), services,
                "docker service ls must show exactly one service for " + subdomain + ", found " + services);
    }

    /** {@code docker exec <container> args...}. */
    public static Proc.Result execIn(String container, String... args) {
        List<String> command = new ArrayList<>(List.of(CLI, "exec", container));
        command.addAll(Arrays.asList(args));
        return Proc.run(command, Duration.ofSeconds(60));
    }

    /** Removes a service; true when it was there. "Not found" is fine. */
    public static boolean removeService(String service) {
        return run("service", "rm", service).ok();
    }

    /**
     * Removes a volume, waiting (up to {@code timeout}) while a stopping container still uses it.
     * True when it is gone (removed now or not there).
     */
    public static boolean removeVolume(String volume, Duration timeout) {
        try {
            await("volume " + volume + " removed").atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .until(() -> run("volume", "rm", volume), r -> r.ok() || r.output().toLowerCase().contains("no such volume"));
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException stillInUse) {
            System.err.println("[it-cleanup] could not remove volume " + volume + ": " + stillInUse.getMessage());
            return false;
        }
    }

    /** The computer's own disk on this node (scripts/spoq-home-disk). */
    public static Path diskImage(String subdomain) {
        return Path.of("/var/lib/spoq/disks", subdomain + ".ext4");
    }

    public static boolean diskExists(String subdomain) {
        return Files.exists(diskImage(subdomain));
    }

    /** Unmounts and deletes the computer's disk, as the platform does when it deletes the computer. */
    public static void removeDisk(String subdomain) {
        if (diskExists(subdomain)) {
            Proc.Result removed = Proc.run(Duration.ofSeconds(60), "/usr/local/sbin/spoq-home-disk", "remove", subdomain);
            if (!removed.ok()) {
                System.err.println("[it-cleanup] could not remove the disk of " + subdomain + ": " + removed);
            }
        }
    }

    /** The PID of the running dockerd. */
    public static Optional<Long> dockerdPid() {
        Proc.Result result = Proc.run(Duration.ofSeconds(10), "pgrep", "-x", "dockerd");
        List<Long> pids = lines(result.stdout()).stream().map(Long::parseLong).toList();
        assertTrue(pids.size() <= 1, () -> "more than one dockerd is running: " + pids);
        return pids.stream().findFirst();
    }

    /**
     * Stops dockerd with SIGTERM and waits until the engine no longer answers and the process has
     * exited (it stops its containers first), so that start-docker.sh can start a new one.
     */
    public static void stopDockerd() {
        long pid = dockerdPid().orElseGet(() -> fail("no dockerd process to stop (pgrep -x dockerd)"));
        Proc.run(Duration.ofSeconds(10), "kill", "-TERM", Long.toString(pid)).assertOk();
        await("docker info fails after SIGTERM to dockerd " + pid).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> !answers());
        await("dockerd " + pid + " exits").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> !Files.exists(Path.of("/proc/" + pid)));
    }

    /** Runs scripts/start-docker.sh (idempotent: starts dockerd in the background and waits for it). */
    public static Proc.Result startDockerd() {
        return Proc.run(Duration.ofSeconds(180), "bash", startScript().toString());
    }

    /** scripts/start-docker.sh of this checkout: the tests run in ear/, so one level up. */
    private static Path startScript() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            Path script = at.resolve("scripts/start-docker.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        return fail("scripts/start-docker.sh not found above " + dir);
    }

    /** The non-blank lines of a program's output, stripped. */
    public static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
