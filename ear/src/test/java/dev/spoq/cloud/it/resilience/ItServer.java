package dev.spoq.cloud.it.resilience;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.Docker;
import dev.spoq.cloud.it.support.Proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Liberty server under test (spoq-it, started by the liberty-maven-plugin for this run): found,
 * killed with SIGKILL, and started again with its own server directory (same bootstrap.properties,
 * jvm.options and server.env). The plugin's test-stop stops whichever instance runs at the end.
 */
final class ItServer {

    static final String NAME = "spoq-it";

    private ItServer() {
    }

    static Path serverScript() {
        String bin = System.getProperty("spoq.it.liberty.bin");
        assertTrue(bin != null && !bin.isBlank(), "system property spoq.it.liberty.bin is not set");
        return Path.of(bin);
    }

    /** The wlp directory (…/wlp/bin/server → …/wlp). */
    static Path wlp() {
        return serverScript().getParent().getParent();
    }

    /** JVMs running ws-server.jar spoq-it from this checkout's wlp (not another server, not another checkout). */
    static List<Long> pids() {
        return pids(NAME);
    }

    /** JVMs running ws-server.jar {@code server} from this checkout's wlp. */
    static List<Long> pids(String server) {
        Proc.Result found = Proc.run(Duration.ofSeconds(10), "pgrep", "-f", "ws-server\\.jar " + server + "( |$)");
        String wlp = wlp().toString();
        return Docker.lines(found.stdout()).stream().map(Long::parseLong)
                .filter(pid -> commandLine(pid).contains(wlp + "/bin/tools/ws-server.jar"))
                .toList();
    }

    static long pid() {
        List<Long> pids = pids();
        assertEquals(1, pids.size(), () -> "expected exactly one " + NAME + " JVM under " + wlp() + ", found " + pids);
        return pids.get(0);
    }

    /** kill -9, then waits until the process is gone. */
    static void kill9(long pid) {
        Proc.Result kill = Proc.run(Duration.ofSeconds(10), "kill", "-9", Long.toString(pid));
        assertTrue(kill.ok(), () -> "kill -9 " + pid + " failed: " + kill);
        await(NAME + " JVM " + pid + " is gone after kill -9").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Files.exists(Path.of("/proc/" + pid)));
    }

    /** {@code server start spoq-it}; the JVM of the test run's java.home unless JAVA_HOME is set. */
    static Proc.Result start() {
        return start(NAME);
    }

    /** {@code server start <server>} of this checkout's wlp. */
    static Proc.Result start(String server) {
        String javaHome = System.getenv().getOrDefault("JAVA_HOME", System.getProperty("java.home"));
        return Proc.run(Duration.ofSeconds(240), "env", "JAVA_HOME=" + javaHome, serverScript().toString(), "start", server);
    }

    /** Polls GET /health/ready until 200; returns how long it took. */
    static Duration awaitReady(Duration deadline) {
        ApiClient api = new ApiClient();
        long started = System.nanoTime();
        await(NAME + " answers GET /health/ready with 200").atMost(deadline).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> api.send("GET", "/health/ready", Map.of(), null, Duration.ofSeconds(5)), (ApiResponse r) -> r.status() == 200);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    static boolean ready() {
        try {
            return new ApiClient().send("GET", "/health/ready", Map.of(), null, Duration.ofSeconds(5)).status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Leaves the server running and ready for the tests that follow: starts it if no JVM runs, waits for
     * readiness otherwise. Fails when it cannot.
     */
    static void ensureRunning() {
        if (ready()) {
            return;
        }
        if (pids().isEmpty()) {
            Proc.Result started = start();
            System.out.println("[" + NAME + "] started again after a test: " + started);
        }
        awaitReady(Duration.ofSeconds(180));
    }

    /** {@code server stop spoq-it}, waiting until no JVM of it is left. */
    static Proc.Result stop() {
        Proc.Result stop = Proc.run(Duration.ofSeconds(120), "env",
                "JAVA_HOME=" + System.getenv().getOrDefault("JAVA_HOME", System.getProperty("java.home")),
                serverScript().toString(), "stop", NAME);
        await(NAME + " JVM is gone after server stop").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(ItServer::pids, List::isEmpty);
        return stop;
    }

    /**
     * After a kill -9 the restarted server uses the embedded PostgreSQL the killed one left running, and
     * does not stop it when it stops. This stops the server, then that PostgreSQL (fast shutdown, SIGINT to
     * the postmaster of spoq.it.db.dir), and starts the server again, so that it owns (and at the end of
     * the phase stops) its database as in a run without a crash.
     */
    static void restartOwningTheDatabase() {
        stop();
        String dir = System.getProperty("spoq.it.db.dir");
        assertTrue(dir != null && !dir.isBlank(), "system property spoq.it.db.dir is not set");
        Path pidFile = Path.of(dir, "postmaster.pid");
        if (Files.exists(pidFile)) {
            try {
                String pid = Files.readAllLines(pidFile).get(0).strip();
                Proc.Result interrupt = Proc.run(Duration.ofSeconds(10), "kill", "-INT", pid);
                System.out.println("[" + NAME + "] stopping the adopted embedded PostgreSQL: " + interrupt);
                await("the adopted PostgreSQL " + pid + " exits").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .until(() -> !Files.exists(Path.of("/proc/" + pid)));
            } catch (IOException e) {
                System.out.println("[" + NAME + "] cannot read " + pidFile + ": " + e);
            }
        }
        Proc.Result started = start();
        if (pids().isEmpty()) {
            failWithLog("server start " + NAME + " left no running JVM: " + started);
        }
        awaitReady(Duration.ofSeconds(180));
    }

    /** The tail of the server's messages.log, for failure messages. */
    static String logTail(int lines) {
        String dir = System.getProperty("spoq.it.server.dir");
        if (dir == null) {
            return "(spoq.it.server.dir not set)";
        }
        try {
            List<String> all = Files.readAllLines(Path.of(dir, "logs", "messages.log"), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read messages.log: " + e + ")";
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Fails with the server's recent log lines attached. */
    static <T> T failWithLog(String message) {
        return fail(message + "\n--- last lines of " + NAME + " messages.log ---\n" + logTail(40));
    }

    /** "12.3 s", for the resilience tests' reports. */
    static String secs(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    /** The time since {@code startNanos} (a {@link System#nanoTime()}). */
    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
