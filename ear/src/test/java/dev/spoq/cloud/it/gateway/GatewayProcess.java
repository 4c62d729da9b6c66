package dev.spoq.cloud.it.gateway;

import dev.spoq.cloud.it.support.OpsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real SSH gateway jar ({@code spoq.it.gateway.jar}) as its own process, the way it runs in production:
 * {@code java -jar spoq-ssh-gateway.jar} with system properties, against the IT control plane
 * ({@code spoq.it.base-url}) with the internal token, on free local ports, with the shared IT data directory
 * ({@code spoq.it.gateway.data-dir}). The IT Liberty server reads {@code <data-dir>/upstream_ed25519.pub} when it
 * applies a user's accounts, so a test class starts this BEFORE it claims computers.
 *
 * <p>All test traffic comes from 127.0.0.1, so the per-address "new connections per minute" limit is raised
 * (every other limit keeps its default). Output goes to {@code target/it-gateway-logs/<name>-<n>.log}; a failed
 * start fails with the log's tail. A shutdown hook stops a process a test class could not stop itself.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(45);
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?)\\s+([-+0-9.eE]+|NaN)\\s*$");

    private final String name;
    private final int port;
    private final int metricsPort;
    private final Path dataDir;
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private Process process;
    private Path log;
    private int starts;

    private GatewayProcess(String name, int port, int metricsPort, Path dataDir, Path logDir) {
        this.name = name;
        this.port = port;
        this.metricsPort = metricsPort;
        this.dataDir = dataDir;
        this.logDir = logDir;
    }

    /** Starts a gateway on two free ports and waits until it accepts SSH connections and answers /health. */
    static GatewayProcess start(String name) {
        Path dataDir = Path.of(System.getProperty("spoq.it.gateway.data-dir", "target/it-gateway")).toAbsolutePath();
        GatewayProcess gateway = new GatewayProcess(name, freePort(), freePort(), dataDir,
                dataDir.resolveSibling("it-gateway-logs"));
        gateway.launch();
        return gateway;
    }

    int port() {
        return port;
    }

    int metricsPort() {
        return metricsPort;
    }

    Path dataDir() {
        return dataDir;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The upstream public key the gateway wrote at start (what the control plane installs in computers). */
    String upstreamPublicKey() {
        try {
            return Files.readString(dataDir.resolve("upstream_ed25519.pub")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void launch() {
        Path jar = Path.of(System.getProperty("spoq.it.gateway.jar", "../ssh-gateway/target/spoq-ssh-gateway.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("no gateway jar at " + jar.toAbsolutePath() + " — build it first: mvn -B -q -o install -DskipTests -pl ssh-gateway");
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        starts++;
        log = logDir.resolve(name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss")) + "-" + starts + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dspoq.gateway.port=" + port,
                "-Dspoq.gateway.metrics-port=" + metricsPort,
                "-Dspoq.gateway.bind-address=127.0.0.1",
                "-Dspoq.gateway.data-dir=" + dataDir,
                "-Dspoq.gateway.upstream-public-key-file=" + dataDir.resolve("upstream_ed25519.pub"),
                "-Dspoq.control-plane.url=" + System.getProperty("spoq.it.base-url", "http://127.0.0.1:19080"),
                "-Dspoq.internal.token=" + OpsClient.internalToken(),
                // every test connection comes from 127.0.0.1: the default 30 per minute would throttle the suite
                "-Dspoq.gateway.limits.connections-per-minute-per-address=10000",
                "-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway", e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (started.isAlive()) {
                started.destroyForcibly();
            }
        }, "it-gateway-stop"));
        awaitReady();
        System.out.printf("[%s] gateway pid %d on 127.0.0.1:%d (metrics %d), data %s, log %s%n", name, process.pid(), port,
                metricsPort, dataDir, log);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the gateway exited with " + process.exitValue() + " while starting; log " + log + ":\n" + logTail());
            }
            if (accepts(port) && "ok".equals(health())) {
                if (Files.isRegularFile(dataDir.resolve("upstream_ed25519.pub"))) {
                    return;
                }
            }
            sleepMillis(200);
        }
        fail("the gateway did not accept connections on " + port + " within " + START_TIMEOUT.toSeconds() + " s; log:\n" + logTail());
    }

    /** Stops the process (SIGTERM, then SIGKILL after 15 s) and waits until the port is free. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (accepts(port) && System.nanoTime() < deadline) {
            sleepMillis(100);
        }
        assertFalse(accepts(port), "port " + port + " still accepts after the gateway stopped");
        process = null;
    }

    /** Stop, then start again on the same ports and the same data directory. */
    synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    /** The host keys the gateway offers (ssh-keyscan of ed25519, ecdsa and rsa), as "type base64" lines. */
    Set<String> hostKeys() {
        Set<String> keys = new TreeSet<>();
        for (String line : keyscan().lines().toList()) {
            String[] words = line.split("\\s+");
            if (!line.startsWith("#") && words.length >= 3) {
                keys.add(words[1] + " " + words[2]);
            }
        }
        return keys;
    }

    /** The raw known_hosts lines of ssh-keyscan ("[127.0.0.1]:port type base64"). */
    String keyscan() {
        Proc.Result scan = Proc.run(List.of("/usr/bin/ssh-keyscan", "-T", "10", "-t", "ed25519,ecdsa,rsa",
                "-p", Integer.toString(port), "127.0.0.1"), Duration.ofSeconds(40));
        String lines = scan.stdout().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .reduce("", (a, b) -> a + b + "\n");
        if (lines.isBlank()) {
            fail("ssh-keyscan got no host key from the gateway: " + scan);
        }
        return lines;
    }

    /** Writes a known_hosts file with the gateway's host keys (what a user's ssh learns on first connect). */
    Path writeKnownHosts(Path dir) {
        try {
            Path file = dir.resolve("known_hosts");
            Files.writeString(file, keyscan());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET /metrics (Prometheus text). */
    String metricsText() {
        return get("/metrics");
    }

    /** Samples of /metrics by series name with labels, e.g. {@code ssh_bytes_relayed_total{direction="to_computer"}}. */
    Map<String, Double> metrics() {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : metricsText().lines().toList()) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (!line.startsWith("#") && m.matches()) {
                samples.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return samples;
    }

    String health() {
        try {
            return get("/health").strip();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " → " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " on the metrics port " + metricsPort, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last 60 lines of the current log. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
