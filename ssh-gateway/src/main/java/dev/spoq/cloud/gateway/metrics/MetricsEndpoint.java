package dev.spoq.cloud.gateway.metrics;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The metrics port: {@code GET /metrics} by the Prometheus client's HTTP server, and {@code GET /health}
 * ("ok", what the IT harness, the benchmark and a Swarm health check probe).
 */
public class MetricsEndpoint implements AutoCloseable {
    private final HTTPServer server;

    public MetricsEndpoint(String bindAddress, int port, GatewayMetrics metrics) throws IOException {
        server = HTTPServer.builder()
                .hostname(bindAddress)
                .port(port)
                .registry(metrics.registry())
                .registerHealthHandler(false)
                .defaultHandler(MetricsEndpoint::health)
                .executorService(Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "gateway-metrics");
                    thread.setDaemon(true);
                    return thread;
                }))
                .buildAndStart();
    }

    public int port() {
        return server.getPort();
    }

    /** Every path but /metrics: /health answers "ok", anything else 404. */
    private static void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean health = "/health".equals(exchange.getRequestURI().getPath());
            boolean get = "GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod());
            if (!health || !get) {
                exchange.sendResponseHeaders(health ? 405 : 404, -1);
                return;
            }
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
