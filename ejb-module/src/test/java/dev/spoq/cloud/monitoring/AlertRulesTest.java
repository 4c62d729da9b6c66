package dev.spoq.cloud.monitoring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * deploy/'s Prometheus and Alertmanager files, checked by the tools themselves in every build: the alert rules'
 * unit tests ({@code promtool test rules}), the scrape config and the Alertmanager config. Debian's
 * {@code prometheus} and {@code prometheus-alertmanager} (scripts/install-test-tools.sh) bring the tools.
 */
class AlertRulesTest {

    private static final Path DEPLOY = deployDirectory();

    @Test
    void theAlertRulesPassTheirUnitTests() {
        String output = run("promtool", "test", "rules", DEPLOY.resolve("prometheus/alerts_test.yml").toString());
        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void theRulesDefineTheFiveAlertsOfTheIssueAndTheScrapeAlert() {
        String output = run("promtool", "check", "rules", DEPLOY.resolve("prometheus/alerts.yml").toString());
        assertTrue(output.contains("SUCCESS: 6 rules found"), output);
    }

    @Test
    void thePrometheusConfigIsValidAndScrapesTheControlPlaneAndTheGateways() throws IOException {
        String output = run("promtool", "check", "config", DEPLOY.resolve("prometheus/prometheus.yml").toString());
        assertTrue(output.contains("is valid prometheus config file syntax"), output);
        String config = Files.readString(DEPLOY.resolve("prometheus/prometheus.yml"));
        assertTrue(config.contains("metrics_path: /spoq/metrics") && config.contains("job_name: spoq-gateway"), config);
    }

    @Test
    void theAlertmanagerConfigIsValid() {
        String output = run("amtool", "check-config", DEPLOY.resolve("alertmanager/alertmanager.yml").toString());
        assertTrue(output.contains("SUCCESS"), output);
    }

    private static String run(String... command) {
        Path tool = Path.of("/usr/bin", command[0]);
        if (!Files.isExecutable(tool)) {
            fail(tool + " is missing: run scripts/install-test-tools.sh (Debian's prometheus and prometheus-alertmanager)");
        }
        try {
            Path log = Files.createTempFile("promtool", ".log");
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish in 60 s");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n" + output);
            return output;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** deploy/ of this checkout: the tests run in ejb-module/, so one level up. */
    private static Path deployDirectory() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("deploy/prometheus"))) {
                return at.resolve("deploy");
            }
        }
        throw new IllegalStateException("deploy/prometheus not found above " + Path.of("").toAbsolutePath());
    }
}
