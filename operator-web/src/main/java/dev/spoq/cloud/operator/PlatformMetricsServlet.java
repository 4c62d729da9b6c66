package dev.spoq.cloud.operator;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /spoq/metrics} on the operator endpoint: the platform's own series (container_*, api_*,
 * payment_failed_total, and whatever else registers on the Prometheus client's default registry), in the text
 * format Prometheus asks for (Accept). Liberty's own metrics (JVM, pools, servlets) stay at {@code /metrics}.
 */
@WebServlet(urlPatterns = "/metrics", loadOnStartup = 1)
public class PlatformMetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ExpositionFormats formats = ExpositionFormats.init();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(request.getHeader("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        writer.write(body, PrometheusRegistry.defaultRegistry.scrape());
        response.setContentType(writer.getContentType());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.size());
        body.writeTo(response.getOutputStream());
    }
}
