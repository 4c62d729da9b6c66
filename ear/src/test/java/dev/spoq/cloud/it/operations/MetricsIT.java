package dev.spoq.cloud.it.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoq.cloud.it.gateway.GatewayProcess;
import dev.spoq.cloud.it.support.ApiClient;
import dev.spoq.cloud.it.support.ApiResponse;
import dev.spoq.cloud.it.support.ComputerCleanup;
import dev.spoq.cloud.it.support.OpenSsh;
import dev.spoq.cloud.it.support.Proc;
import dev.spoq.cloud.it.support.Subscriber;
import dev.spoq.cloud.it.support.TestAccount;
import dev.spoq.cloud.it.support.Unique;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.spoq.cloud.it.support.ProblemAssert.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's seven metric names, scraped as Prometheus scrapes them, after real work: a real computer (its
 * container_* sampled by the control plane, labelled by subdomain), real API calls (api_requests_total and
 * api_latency_seconds by route template, never the raw path), a real SSH login through the gateway
 * (ssh_connections_*), on the control plane's operator endpoint (/spoq/metrics) and the gateway's /metrics. And
 * the usage history the dashboard draws: points for the owner, nothing for anyone else.
 */
@ExtendWith(ComputerCleanup.class)
class MetricsIT {

    @RegisterExtension
    static final GatewayProcess gateway = new GatewayProcess();

    private static final ApiClient api = new ApiClient();
    private static final ApiClient operator = new ApiClient(System.getProperty("spoq.it.operator-url", "http://127.0.0.1:19081"));
    private static Subscriber owner;

    @BeforeAll
    static void aRunningComputer() {
        ItReady.awaitApplication();
        owner = Subscriber.claim(api, "met").awaitRunning(GatewayProcess.COMPUTER_START);
    }

    @Test
    void theControlPlaneServesItsMetricsOnTheOperatorEndpointOnly() {
        ApiResponse scraped = operator.get("/spoq/metrics", null);
        assertEquals(200, scraped.status(), scraped.toString());
        assertTrue(scraped.contentType().startsWith("text/plain"), scraped.contentType());
        assertEquals(404, api.get("/spoq/metrics", null).status(), "not on the public endpoint");
        ApiResponse liberty = operator.get("/metrics", null);
        assertEquals(200, liberty.status(), "Liberty's own metrics stay at /metrics");
        assertTrue(liberty.body().contains("jvm_uptime") || liberty.body().contains("base_"), "Liberty's own series: " + liberty.body().lines().limit(5).toList());
    }

    @Test
    void everyComputerIsSampledByTheControlPlaneLabelledBySubdomain() {
        String sub = owner.subdomain();
        Scrape scrape = await("container_* of " + sub).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(MetricsIT::scrape, s -> s.first("container_memory_usage", "subdomain", sub).map(m -> m.value() > 0).orElse(false)
                        && s.first("container_storage_usage", "subdomain", sub).isPresent());
        print(scrape, "container_");
        assertTrue(scrape.declares("container_cpu_usage", "gauge"), "container_cpu_usage is a gauge");
        double cpu = scrape.first("container_cpu_usage", "subdomain", sub).orElseThrow().value();
        assertTrue(cpu >= 0 && cpu <= 100, "percent of its CPU limit: " + cpu);
        assertTrue(scrape.first("container_storage_usage", "subdomain", sub).orElseThrow().value() > 0);
        assertEquals(128 * 1024 * 1024, scrape.first("container_storage_limit", "subdomain", sub).orElseThrow().value(), 16 * 1024 * 1024,
                "the IT server's disks are 128 MB (less the filesystem's own blocks)");
        assertEquals(1, scrape.first("container_up", "subdomain", sub).orElseThrow().value());
        assertEquals(2L * 1024 * 1024 * 1024, (long) scrape.first("container_memory_limit", "subdomain", sub).orElseThrow().value());
    }

    @Test
    void apiCallsAreCountedByRouteTemplateMethodAndStatusClassNeverByRawPath() {
        String name = "met" + Unique.letters(10);
        String deviceId = UUID.randomUUID().toString();
        assertEquals(200, api.get("/api/subdomain/check/" + name, null).status());
        assertEquals(404, owner.account().deleteDevice(deviceId).status());
        assertEquals(401, api.get("/api/devices", null).status());

        Scrape scrape = scrape();
        print(scrape, "api_requests_total");
        assertTrue(scrape.declares("api_requests_total", "counter"), "api_requests_total is a counter");
        assertTrue(scrape.first("api_requests_total", "route", "/api/subdomain/check/{name}", "method", "GET", "status", "2xx")
                .orElseThrow(() -> new AssertionError("no check route in " + scrape.all("api_requests_total"))).value() >= 1);
        assertTrue(scrape.first("api_requests_total", "route", "/api/devices/{id}", "method", "DELETE", "status", "4xx").isPresent(),
                () -> "the 404 of a missing device, under its template: " + scrape.all("api_requests_total"));
        assertTrue(scrape.first("api_requests_total", "route", "/api/devices", "method", "GET", "status", "4xx").isPresent(),
                () -> "a 401 is counted under its route too: " + scrape.all("api_requests_total"));
        assertFalse(scrape.text().contains(name), "the raw path is never a label");
        assertFalse(scrape.text().contains(deviceId), "the raw path is never a label");

        assertTrue(scrape.declares("api_latency_seconds", "histogram"), "api_latency_seconds is a histogram");
        List<Scrape.Sample> buckets = scrape.all("api_latency_seconds_bucket", "route", "/api/subdomain/check/{name}", "method", "GET");
        assertTrue(buckets.size() > 5, "buckets: " + buckets);
        assertTrue(buckets.stream().anyMatch(b -> "+Inf".equals(b.labels().get("le")) && b.value() >= 1), buckets::toString);
        assertTrue(scrape.first("api_latency_seconds_count", "route", "/api/subdomain/check/{name}").isPresent());
        assertTrue(scrape.first("api_latency_seconds_sum", "route", "/api/subdomain/check/{name}").orElseThrow().value() > 0);
        print(scrape, "api_latency_seconds_count");
    }

    @Test
    void aFailedPaymentCounterIsThereBeforeAnyPaymentFails() {
        Scrape scrape = scrape();
        assertTrue(scrape.declares("payment_failed_total", "counter"), "payment_failed_total is a counter");
        assertTrue(scrape.first("payment_failed_total").isPresent(), "exposed from the start (at 0 or more)");
        print(scrape, "payment_failed_total");
    }

    @Test
    void theGatewayCountsItsConnections() {
        // the profile's login reaches the computer a moment after it runs (applied asynchronously)
        Proc.Result login = await("a first login through the gateway").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> owner.firstLogin(gateway.client(), "hostname", OpenSsh.DEFAULT_TIMEOUT), r -> r.exitCode() == 0);
        assertEquals(owner.subdomain(), login.stdout().strip(), login::toString);
        Scrape scrape = Scrape.of(gateway.metricsText());
        print(scrape, "ssh_connections");
        assertTrue(scrape.declares("ssh_connections_active", "gauge"), "ssh_connections_active is a gauge");
        assertTrue(scrape.declares("ssh_connections_total", "counter"), "ssh_connections_total is a counter");
        assertTrue(scrape.first("ssh_connections_total").orElseThrow().value() >= 1, scrape.all("ssh_connections_total")::toString);
        assertTrue(scrape.first("ssh_connections_active").isPresent());
    }

    @Test
    void theOwnerReadsTheUsageHistoryAndNobodyElseDoes() {
        JsonNode day = await("history points of " + owner.subdomain()).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> api.get("/api/usage/history?range=24h", owner.account().token()).expect(200),
                        h -> h.path("points").size() >= 1);
        JsonNode point = day.path("points").get(0);
        System.out.println("[MetricsIT] GET /api/usage/history?range=24h: " + day);
        assertEquals("24h", day.path("range").asText());
        assertTrue(point.path("memory_bytes").asLong() > 0 && point.path("memory_limit_bytes").asLong() > 0, point.toString());
        assertTrue(point.has("at") && point.has("cpu_percent") && point.has("storage_bytes"), point.toString());

        JsonNode week = api.get("/api/usage/history?range=7d", owner.account().token()).expect(200);
        assertEquals("7d", week.path("range").asText());
        assertTrue(week.path("points").size() >= 1, week.toString());
        assertTrue(week.path("step_seconds").asLong() > day.path("step_seconds").asLong(), "7 days in wider buckets: " + week);

        JsonNode current = api.get("/api/usage", owner.account().token()).expect(200);
        assertTrue(current.path("usage").path("memory_bytes").asLong() > 0, current.toString());

        assertProblem(api.get("/api/usage/history?range=1y", owner.account().token()), 400).hasField("range");

        ApiClient strangers = new ApiClient();
        TestAccount stranger = TestAccount.register(strangers);
        ApiResponse theirs = strangers.get("/api/usage/history?range=24h", stranger.token());
        assertProblem(theirs, 404).hasField("computer");
        assertFalse(theirs.body().contains("memory_bytes"), theirs.toString());
        assertProblem(strangers.get("/api/usage", stranger.token()), 404);
        assertEquals(401, api.get("/api/usage/history?range=24h", null).status());
    }

    private static Scrape scrape() {
        ApiResponse scraped = operator.get("/spoq/metrics", null);
        assertEquals(200, scraped.status(), scraped::toString);
        return Scrape.of(scraped.body());
    }

    private static void print(Scrape scrape, String prefix) {
        scrape.text().lines().filter(l -> l.startsWith(prefix) || l.startsWith("# TYPE " + prefix)).limit(12)
                .forEach(l -> System.out.println("[MetricsIT] " + l));
    }
}
