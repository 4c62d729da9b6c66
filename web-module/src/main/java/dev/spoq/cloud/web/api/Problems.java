package dev.spoq.cloud.web.api;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds RFC 9457 problem responses: a stable type, a human detail, the field at fault. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://spoq.dev/problems/";
    private static final Jsonb JSON = JsonbConfiguration.create();

    private Problems() {
    }

    public static Response response(int status, String type, String field, String detail, Map<String, Object> extras) {
        return Response.status(status).type(MEDIA_TYPE).entity(json(status, type, field, detail, extras)).build();
    }

    public static Response response(int status, String type, String field, String detail) {
        return response(status, type, field, detail, Map.of());
    }

    /** The problem document itself, for answers written outside JAX-RS (the error page). */
    public static String json(int status, String type, String field, String detail, Map<String, Object> extras) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error");
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        extras.forEach(body::putIfAbsent);
        return JSON.toJson(body);
    }
}
