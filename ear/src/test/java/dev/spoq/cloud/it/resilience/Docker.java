package dev.spoq.cloud.it.resilience;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The local Docker engine through its CLI, and dockerd itself (stopped and started again for the outage test). */
final class Docker {

    /** Debian's CLI comes with the engine (same API version); any other on the PATH otherwise. */
    static final String CLI = Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);

    private Docker() {
    }

    static Shell.Result cli(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = CLI;
        System.arraycopy(args, 0, command, 1, args.length);
        return Shell.run(CLI_TIMEOUT, command);
    }

    /** Does the engine answer ({@code docker info})? */
    static boolean answers() {
        return Shell.run(Duration.ofSeconds(10), CLI, "info", "--format", "{{.ServerVersion}}").ok();
    }

    /** Names of the services that carry the label spoq.subdomain=&lt;subdomain&gt; or are named spoq-&lt;subdomain&gt;. */
    static List<String> servicesOf(String subdomain) {
        Shell.Result byName = cli("service", "ls", "--filter", "name=spoq-" + subdomain, "--format", "{{.Name}}");
        Shell.Result byLabel = cli("service", "ls", "--filter", "label=spoq.subdomain=" + subdomain, "--format", "{{.Name}}");
        assertTrue(byName.ok() && byLabel.ok(), () -> "docker service ls failed: " + byName + " / " + byLabel);
        // the name filter matches prefixes: keep the exact name
        List<String> named = lines(byName.output()).stream().filter(n -> n.equals("spoq-" + subdomain)).toList();
        List<String> labelled = lines(byLabel.output());
        return java.util.stream.Stream.concat(named.stream(), labelled.stream()).distinct().toList();
    }

    /** Asserts that exactly one Swarm service, spoq-&lt;subdomain&gt;, exists for this subdomain. */
    static void assertExactlyOneService(String subdomain) {
        List<String> services = servicesOf(subdomain);
        assertEquals(List.of("spoq-" + subdomain), services,
                "docker service ls must show exactly one service for " + subdomain + ", found " + services);
    }

    /** "running 1/1"-style summary of a service's replicas ({{.Replicas}}), or the CLI's complaint. */
    static String replicas(String service) {
        Shell.Result result = cli("service", "ls", "--filter", "name=" + service, "--format", "{{.Name}} {{.Replicas}}");
        return lines(result.output()).stream().filter(l -> l.startsWith(service + " "))
                .map(l -> l.substring(service.length() + 1)).findFirst().orElse("absent (" + result + ")");
    }

    /** The newest task of a service: "&lt;current state&gt; &lt;error&gt;" (e.g. "Rejected 2 seconds ago \"network … exists\""). */
    static String newestTask(String service) {
        Shell.Result tasks = cli("service", "ps", "--no-trunc", "--format", "{{.CurrentState}} {{.Error}}", service);
        return lines(tasks.output()).stream().findFirst().orElse("no task (" + tasks + ")");
    }

    /** Replicas and newest task, for failure messages. */
    static String describe(String service) {
        return service + " " + replicas(service) + ", newest task: " + newestTask(service);
    }

    static boolean exists(String kind, String name) {
        return cli(kind, "inspect", name).ok();
    }

    /**
     * Removes a service and its volume if they are still there, waiting for the service's container to
     * go (the volume is in use until then). Returns what could not be removed ("" when all is gone).
     */
    static String removeServiceAndVolume(String service, String volume) {
        StringBuilder left = new StringBuilder();
        if (exists("service", service)) {
            cli("service", "rm", service);
        }
        if (Poll.upTo(Duration.ofSeconds(60), Duration.ofMillis(500), () -> exists("service", service), gone -> !gone) == null) {
            left.append("service ").append(service).append(' ');
        }
        if (Poll.upTo(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> !exists("volume", volume) || cli("volume", "rm", volume).ok(), removed -> removed) == null) {
            left.append("volume ").append(volume);
        }
        return left.toString().strip();
    }

    /** The PID of the running dockerd. */
    static Optional<Long> dockerdPid() {
        Shell.Result result = Shell.run(Duration.ofSeconds(10), "pgrep", "-x", "dockerd");
        List<Long> pids = lines(result.output()).stream().map(Long::parseLong).toList();
        assertTrue(pids.size() <= 1, () -> "more than one dockerd is running: " + pids);
        return pids.stream().findFirst();
    }

    /**
     * Stops dockerd with SIGTERM and waits until the engine no longer answers and the process has
     * exited (it stops its containers first), so that start-docker.sh can start a new one.
     */
    static void stopDockerd() {
        long pid = dockerdPid().orElseGet(() -> fail("no dockerd process to stop (pgrep -x dockerd)"));
        Shell.Result kill = Shell.run(Duration.ofSeconds(10), "kill", "-TERM", Long.toString(pid));
        assertTrue(kill.ok(), () -> "could not stop dockerd: " + kill);
        Poll.until("docker info fails after SIGTERM to dockerd " + pid, Duration.ofSeconds(60), Duration.ofMillis(250),
                Docker::answers, answers -> !answers);
        Poll.until("dockerd " + pid + " exits", Duration.ofSeconds(120), Duration.ofMillis(250),
                () -> Files.exists(Path.of("/proc/" + pid)), alive -> !alive);
    }

    /** Runs scripts/start-docker.sh (idempotent: starts dockerd in the background and waits for it). */
    static Shell.Result startDockerd() {
        return Shell.run(Duration.ofSeconds(180), "bash", startScript().toString());
    }

    /** scripts/start-docker.sh of this checkout: the tests run in ear/, so one level up. */
    static Path startScript() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            Path script = at.resolve("scripts/start-docker.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        return fail("scripts/start-docker.sh not found above " + dir);
    }

    static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
