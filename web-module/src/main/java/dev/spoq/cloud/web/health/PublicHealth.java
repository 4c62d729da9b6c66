package dev.spoq.cloud.web.health;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /health on the public address, for load balancers: Liberty's own /health lives on default_host, which only
 * the operator endpoint reaches (with /metrics and /openapi). Same document as MicroProfile Health: the
 * application's readiness checks (the database), 503 DOWN when one fails; live is answering at all.
 */
@Path("/health")
@Tag(name = "Health")
@Produces(MediaType.APPLICATION_JSON)
public class PublicHealth {

    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    @GET
    @Operation(summary = "Ready and live")
    public Response health() {
        return ready();
    }

    @GET
    @Path("/ready")
    @Operation(summary = "Ready: the database answers (503 DOWN when it does not)")
    public Response ready() {
        List<Map<String, Object>> checks = new ArrayList<>();
        boolean up = true;
        for (HealthCheck check : readiness) {
            HealthCheckResponse answer = check.call();
            up &= answer.getStatus() == HealthCheckResponse.Status.UP;
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("name", answer.getName());
            shown.put("status", answer.getStatus().name());
            answer.getData().ifPresent(data -> shown.put("data", data));
            checks.add(shown);
        }
        return document(up, checks);
    }

    @GET
    @Path("/live")
    @Operation(summary = "Live: the server answers")
    public Response live() {
        return document(true, List.of());
    }

    private static Response document(boolean up, List<Map<String, Object>> checks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        return Response.status(up ? 200 : 503).entity(body).build();
    }
}
