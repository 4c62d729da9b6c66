package dev.spoq.cloud.it.resilience;

import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.Proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second control-plane replica beside the IT server: the same application, server.xml and settings from the same
 * wlp, on other ports, as replica {@link #NAME}, using the IT server's PostgreSQL (as every replica shares one
 * database). It has its own messaging engine and transaction log (each Liberty has its own). Started by a test
 * class, stopped (or killed) by it.
 */
final class SecondReplica implements AutoCloseable {

    static final String SERVER = "spoq-it-b";
    static final String NAME = "it-replica-b";
    static final int HTTP_PORT = 19180;
    private static final Map<String, String> PORTS = Map.of(
            "http.port", Integer.toString(HTTP_PORT), "https.port", "19543", "operator.http.port", "19181",
            "wasjms.port", "17376", "wasjms.ssl.port", "17386");
    /** What the IT server's directory holds that is its own run's state, not its configuration. */
    private static final List<String> NOT_COPIED = List.of("logs", "messaging", "tranlog", "workarea");

    private final Path dir;

    private SecondReplica(Path dir) {
        this.dir = dir;
    }

    /** Copies the IT server's configuration to a server of its own, starts it and waits until it is ready. */
    static SecondReplica start() {
        Path it = Path.of(System.getProperty("spoq.it.server.dir"));
        Path dir = it.resolveSibling(SERVER);
        try {
            deleteTree(dir);
            copyConfiguration(it, dir);
            Path bootstrap = dir.resolve("bootstrap.properties");
            String properties = Files.readAllLines(bootstrap).stream()
                    .map(line -> {
                        String key = line.contains("=") ? line.substring(0, line.indexOf('=')) : "";
                        return PORTS.containsKey(key) ? key + "=" + PORTS.get(key) : line;
                    }).collect(Collectors.joining("\n", "", "\n"));
            Files.writeString(bootstrap, properties);
            String db = "jdbc:postgresql://127.0.0.1:" + System.getProperty("spoq.it.db.port", "15433") + "/postgres";
            String options = Files.readAllLines(dir.resolve("jvm.options")).stream()
                    .filter(line -> !line.startsWith("-Dspoq.db.embedded-") && !line.startsWith("-Dspoq.replica.name="))
                    .collect(Collectors.joining("\n", "", "\n"))
                    + "-Dspoq.db.url=" + db + "\n-Dspoq.replica.name=" + NAME + "\n";
            Files.writeString(dir.resolve("jvm.options"), options);
        } catch (IOException e) {
            throw new UncheckedIOException("preparing " + dir, e);
        }
        Proc.Result started = ItServer.start(SERVER);
        assertTrue(started.ok(), started::toString);
        SecondReplica replica = new SecondReplica(dir);
        ApiClient api = replica.api();
        await(SERVER + " answers GET /health/ready with 200").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> api.send("GET", "/health/ready", Map.of(), null, Duration.ofSeconds(5)),
                        (ApiResponse r) -> r.status() == 200);
        return replica;
    }

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + HTTP_PORT);
    }

    long pid() {
        List<Long> pids = ItServer.pids(SERVER);
        assertEquals(1, pids.size(), () -> "expected one " + SERVER + " JVM, found " + pids);
        return pids.get(0);
    }

    /** Its messages.log (Liberty's own log of the replica). */
    String log() {
        try {
            return Files.readString(dir.resolve("logs/messages.log"));
        } catch (IOException e) {
            return "";
        }
    }

    void kill9() {
        ItServer.kill9(pid());
    }

    /** Stops it if it still runs; its directory stays for a look after a failure (the next start replaces it). */
    @Override
    public void close() {
        if (!ItServer.pids(SERVER).isEmpty()) {
            Proc.run(Duration.ofSeconds(120), ItServer.serverScript().toString(), "stop", SERVER);
        }
        ItServer.pids(SERVER).forEach(ItServer::kill9);
    }

    private static void copyConfiguration(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(path);
                if (relative.getNameCount() > 0 && NOT_COPIED.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
