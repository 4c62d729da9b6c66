package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Checks of single values in answers: uuids, timestamps, tokens. */
public final class ValueChecks {

    private ValueChecks() {
    }

    public static void assertUuid(JsonNode value, String what) {
        assertNotNull(value, what + " missing");
        assertTrue(value.isTextual(), what + " must be a uuid string: " + value);
        assertDoesNotThrow(() -> UUID.fromString(value.asText()), what + " is not a uuid: " + value);
    }

    public static void assertToken(JsonNode value) {
        assertNotNull(value, "token missing");
        assertTrue(value.isTextual(), "token must be a string: " + value);
        assertFalse(value.asText().isBlank(), "token is blank");
    }

    /** A timestamp (ISO-8601 text, or epoch seconds) that lies in the future. */
    public static void assertFutureInstant(JsonNode value, String what) {
        assertTrue(instantOf(value, what).isAfter(Instant.now()), what + " is not in the future: " + value);
    }

    /** A timestamp (ISO-8601 text, or epoch seconds). */
    public static Instant instantOf(JsonNode value, String what) {
        assertNotNull(value, what + " missing");
        if (value.isNumber()) {
            return Instant.ofEpochSecond(value.asLong());
        }
        String text = value.asText();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return fail(what + " is not an ISO-8601 timestamp: " + value);
            }
        }
    }
}
