package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpHeaders;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** One answer of the server under test: status, headers, raw body and its JSON reading. */
public record ApiResponse(String method, String path, int status, HttpHeaders headers, String body) {

    /** The body as JSON; fails the test with the raw answer when it is not JSON. */
    public JsonNode json() {
        JsonNode node = Json.parseOrNull(body);
        assertNotNull(node, () -> "expected a JSON body from " + this);
        return node;
    }

    /** Asserts the status and returns the JSON body. */
    public JsonNode expect(int expectedStatus) {
        assertEquals(expectedStatus, status, () -> "unexpected status from " + this);
        return json();
    }

    /** A text member of the JSON body, null when absent or JSON null. */
    public String text(String member) {
        JsonNode value = json().get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public String contentType() {
        return header("Content-Type").orElse("");
    }

    @Override
    public String toString() {
        String shown = body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "…" : body;
        return method + " " + path + " → " + status + " [" + contentType() + "] " + shown;
    }
}
