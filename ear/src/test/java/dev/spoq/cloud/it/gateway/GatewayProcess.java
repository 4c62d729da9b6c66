package dev.spoq.cloud.it.gateway;

import dev.spoq.cloud.it.support.Ports;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.OpsClient;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real SSH gateway jar ({@code spoq.it.gateway.jar}) as its own process, the way it runs in production:
 * {@code java -jar spoq-ssh-gateway.jar} with system properties, against the IT control plane
 * ({@code spoq.it.base-url}) with the internal token, on free local ports, with the shared IT data directory
 * ({@code spoq.it.gateway.data-dir}). The IT Liberty server reads {@code <data-dir>/upstream_ed25519.pub} when it
 * applies a user's accounts, so the gateway must run BEFORE a test class claims computers: a class declares
 * {@code @RegisterExtension static final GatewayProcess gateway = new GatewayProcess();}, which starts it before
 * the class's {@code @BeforeAll} and stops it after its {@code @AfterAll}.
 *
 * <p>All test traffic comes from 127.0.0.1, so the per-address "new connections per minute" limit is raised
 * (every other limit keeps its default). Output goes to {@code target/it-gateway-logs/<class>-<n>.log}; a failed
 * start fails with the log's tail. A shutdown hook stops a process a test class could not stop itself.
 */
public final class GatewayProcess implements BeforeAllCallback, AfterAllCallback {

    /** How long a computer claimed by these tests may take to run (GatewayAccessIT starts two at once). */
    public static final Duration COMPUTER_START = Duration.ofSeconds(90);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(45);
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?)\\s+([-+0-9.eE]+|NaN)\\s*$");

    private final Path dataDir = Path.of(System.getProperty("spoq.it.gateway.data-dir", "target/it-gateway")).toAbsolutePath();
    private final Path logDir = dataDir.resolveSibling("it-gateway-logs");
    private final int port;
    private final int metricsPort = Ports.freeLoopbackPort();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    /** What a user's ssh learns on the first connection (written at the start, kept over restarts). */
    private final Path knownHosts;
    /** 127.0.0.1 unless a test must reach the gateway from elsewhere (GatewayOnlyIT: from its own network namespace). */
    private final String bindAddress;
    private String name;
    private Process process;
    private Path log;
    private int starts;

    public GatewayProcess() {
        this("127.0.0.1");
    }

    GatewayProcess(String bindAddress) {
        this(bindAddress, Ports.freeLoopbackPort());
    }

    private GatewayProcess(String bindAddress, int port) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.knownHosts = logDir.resolve("known_hosts-" + port);
    }

    /**
     * The gateway the IT server's browser terminal logs in through: on the port that server was started with
     * ({@code spoq.it.terminal.gateway-port}, picked by the build), so at most one test class at a time may use it.
     */
    public static GatewayProcess forWebTerminal() {
        return new GatewayProcess("127.0.0.1", Integer.getInteger("spoq.it.terminal.gateway-port", 0));
    }

    int port() {
        return port;
    }

    /** Starts the gateway on two free ports, waits until it accepts SSH connections and answers /health, and learns its host keys. */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        name = context.getRequiredTestClass().getSimpleName();
        launch();
        Files.writeString(knownHosts, OpenSsh.keyscan(port));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** A user's OpenSSH client for this gateway, with the host keys it showed at its first start pinned. */
    public OpenSsh client() {
        return OpenSsh.pinned(port, knownHosts);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
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
                gatewayJava(),
                "-Xmx256m",
                "-Dspoq.gateway.port=" + port,
                "-Dspoq.gateway.metrics-port=" + metricsPort,
                "-Dspoq.gateway.bind-address=" + bindAddress,
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
        System.out.printf("[%s] gateway pid %d on %s:%d (metrics %d), data %s, log %s%n", name, process.pid(), bindAddress, port,
                metricsPort, dataDir, log);
    }

    private void awaitReady() {
        try {
            await("the gateway ready on " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .failFast("the gateway exited while starting", () -> !process.isAlive())
                    .until(() -> accepts(port) && "ok".equals(health()) && Files.isRegularFile(dataDir.resolve("upstream_ed25519.pub")));
        } catch (TerminalFailureException exited) {
            fail("the gateway exited with " + process.exitValue() + " while starting; log " + log + ":\n" + logTail());
        } catch (ConditionTimeoutException notInTime) {
            fail("the gateway did not accept connections on " + port + " within " + START_TIMEOUT.toSeconds() + " s; log:\n" + logTail());
        }
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
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertFalse(accepts(port), "port " + port + " still accepts after the gateway stopped"));
        process = null;
    }

    /** Stop, then start again on the same ports and the same data directory. */
    synchronized void restart() {
        stop();
        launch();
    }

    /** The host keys the gateway offers (ssh-keyscan of ed25519, ecdsa and rsa), as "type base64" lines. */
    Set<String> hostKeys() {
        return OpenSsh.hostKeys(port);
    }

    /** GET /metrics (Prometheus text). */
    public String metricsText() {
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

    /**
     * The java the platform runs the gateway on (scripts/gateway-java.sh: a Temurin 25+ under /usr/lib/jvm when there
     * is one), else the JDK running the tests.
     */
    private static String gatewayJava() {
        Path script = Path.of(System.getProperty("spoq.it.project-root", "..")).resolve("scripts/gateway-java.sh");
        if (Files.isRegularFile(script)) {
            try {
                Process probe = new ProcessBuilder("bash", script.toString()).redirectErrorStream(false).start();
                String chosen = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
                if (probe.waitFor() == 0 && !chosen.isEmpty() && Files.isExecutable(Path.of(chosen))) {
                    return chosen;
                }
            } catch (IOException e) {
                System.out.println("[gateway] cannot run " + script + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
