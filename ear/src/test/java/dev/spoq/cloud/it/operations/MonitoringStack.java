package dev.spoq.cloud.it.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.support.Json;
import dev.spoq.cloud.it.support.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real Prometheus and Alertmanager (Debian's binaries, started directly) on free loopback ports with temporary
 * directories, running deploy/'s rules and Alertmanager config with the test's changes: every {@code for:} shortened,
 * Prometheus scraping the IT server's operator endpoint every second, Alertmanager mailing to the test's SMTP server
 * without waiting to group. Stopped (SIGTERM, then SIGKILL) by {@link #close()}; the logs stay in target/.
 */
final class MonitoringStack implements AutoCloseable {

    private final Path dir;
    private final int prometheusPort = Ports.freeLoopbackPort();
    private final int alertmanagerPort = Ports.freeLoopbackPort();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /**
     * @param scrapeTarget host:port of the operator endpoint
     * @param forShortenedTo what every rule's {@code for:} becomes (e.g. "3s")
     * @param smtp host:port of the SMTP server Alertmanager mails to
     * @param operatorAddress the receiver's {@code to:}
     */
    MonitoringStack(String scrapeTarget, String forShortenedTo, String smtp, String operatorAddress) throws IOException {
        dir = Files.createDirectories(Path.of("target", "it-monitoring", "stack-" + prometheusPort)).toAbsolutePath();
        Path deploy = deployDirectory();

        String rules = Files.readString(deploy.resolve("prometheus/alerts.yml")).replaceAll("(?m)^(\\s+for:)\\s*\\S+", "$1 " + forShortenedTo);
        Files.writeString(dir.resolve("alerts.yml"), rules);
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: ['%s']
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                scrape_configs:
                  - job_name: spoq-control-plane
                    metrics_path: /spoq/metrics
                    static_configs:
                      - targets: ['%s']
                """.formatted(dir.resolve("alerts.yml"), alertmanagerPort, scrapeTarget));

        String alertmanager = Files.readString(deploy.resolve("alertmanager/alertmanager.yml"))
                .replaceFirst("smtp_smarthost: '[^']*'", "smtp_smarthost: '" + smtp + "'")
                .replaceFirst("- to: '[^']*'", "- to: '" + operatorAddress + "'")
                .replaceAll("group_wait: \\S+", "group_wait: 1s")
                .replaceAll("group_interval: \\S+", "group_interval: 1s");
        Files.writeString(dir.resolve("alertmanager.yml"), alertmanager);

        start("alertmanager", "/usr/bin/prometheus-alertmanager", "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + Files.createDirectories(dir.resolve("alertmanager-data")),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address=");
        await("Alertmanager ready").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> get(alertmanagerPort, "/-/ready").statusCode() == 200);
        start("prometheus", "/usr/bin/prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("prometheus-data")),
                "--web.listen-address=127.0.0.1:" + prometheusPort);
        await("Prometheus ready").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> get(prometheusPort, "/-/ready").statusCode() == 200);
    }

    /** The instant vector of a PromQL query (data.result). */
    JsonNode query(String promql) {
        HttpResponse<String> answer = get(prometheusPort, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return Json.parseOrNull(answer.body()).path("data").path("result");
    }

    /** Prometheus's alerts now (data.alerts: labels, state pending/firing). */
    JsonNode prometheusAlerts() {
        return Json.parseOrNull(get(prometheusPort, "/api/v1/alerts").body()).path("data").path("alerts");
    }

    /** Alertmanager's alerts now (as it received them from Prometheus). */
    JsonNode alertmanagerAlerts() {
        return Json.parseOrNull(get(alertmanagerPort, "/api/v2/alerts").body());
    }

    /** Is the scrape of the control plane up (the operator endpoint answered Prometheus)? */
    boolean scrapeUp() {
        JsonNode up = query("up{job=\"spoq-control-plane\"}");
        return up.size() == 1 && "1".equals(up.get(0).path("value").get(1).asText());
    }

    Path directory() {
        return dir;
    }

    String logTail(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void start(String name, String... command) throws IOException {
        if (!Files.isExecutable(Path.of(command[0]))) {
            fail(command[0] + " is missing: run scripts/install-test-tools.sh (Debian's prometheus and prometheus-alertmanager)");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "it-" + name + "-stop"));
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // the data directories only; the configs and logs stay for a look after a failure
        for (String data : List.of("prometheus-data", "alertmanager-data")) {
            try (Stream<Path> files = Files.walk(dir.resolve(data))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // left for mvn clean
            }
        }
    }

    /** deploy/ of this checkout: the tests run in ear/, so one level up. */
    static Path deployDirectory() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("deploy/prometheus"))) {
                return at.resolve("deploy");
            }
        }
        throw new IllegalStateException("deploy/prometheus not found above " + Path.of("").toAbsolutePath());
    }
}
