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

    /** A bare HTTP status (unknown path, wrong method, refused address) as a problem. */
    public static Response forStatus(int status) {
        return Response.status(status).type(MEDIA_TYPE).entity(jsonForStatus(status)).build();
    }

    /** The same, as the document itself, for answers written outside JAX-RS (the error page). */
    public static String jsonForStatus(int status) {
        String type = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "server-error" : "bad-request";
        };
        String detail = switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept this method.";
            case 406 -> "This API answers in JSON.";
            case 415 -> "Send the body as application/json.";
            default -> status >= 500 ? "Something went wrong on our side." : "The request could not be understood.";
        };
        return json(status, type, null, detail, Map.of());
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
