package dev.spoq.cloud.web.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code api_requests_total} (route template, method, status class) and {@code api_latency_seconds} (route
 * template, method) for every JAX-RS call — /api, /internal and the webhooks. First of all request filters (so the
 * time includes the limits and authentication) and last of the response filters. The route is the template that
 * {@link ApiRouteFilter} wrote down once the request matched a resource.
 */
@Provider
@PreMatching
@Priority(1)
public class ApiMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String STARTED = "spoq.metrics.started";
    static final String ROUTE = "spoq.metrics.route";

    private static final Counter REQUESTS = Counter.builder().name("api_requests_total")
            .help("API requests answered, by route template, method and status class").labelNames("route", "method", "status")
            .register();
    private static final Histogram LATENCY = Histogram.builder().name("api_latency_seconds")
            .help("Time from a request's arrival to its answer, by route template and method").labelNames("route", "method")
            .classicOnly().classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .register();

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object route = request.getProperty(ROUTE);
        String template = route instanceof String known ? known : RouteTemplate.UNMATCHED;
        String method = RouteTemplate.method(request.getMethod());
        REQUESTS.labelValues(template, method, RouteTemplate.statusClass(response.getStatus())).inc();
        if (request.getProperty(STARTED) instanceof Long started) {
            LATENCY.labelValues(template, method).observe((System.nanoTime() - started) / 1e9);
        }
    }
}
