package dev.spoq.cloud.web.api;

import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request body read with a size bound and checked field by field, so that every wrong shape
 * is answered with the name of the field at fault rather than a generic parse error.
 */
final class JsonBody {

    static final int MAX_BYTES = 64 * 1024;

    private final JsonObject json;

    private JsonBody(JsonObject json) {
        this.json = json;
    }

    static JsonBody read(InputStream in) {
        String text = decode(readBounded(in));
        if (text.isBlank()) {
            throw malformed("The request needs a JSON object body.");
        }
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw malformed("The body must be a JSON object, like {\"email\": \"...\"}.");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw malformed("The body has something after its JSON object.");
            }
            return new JsonBody(object);
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw malformed("The body is not valid JSON.");
        }
    }

    /** A string field that must be present. */
    String requiredString(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw SpoqProblem.invalid(field, "'" + field + "' is required.");
        }
        return value;
    }

    /** A string field that may be absent or null; any other JSON type is an error naming the field. */
    /** A whole number that fits an int, or null when absent. */
    Integer optionalInteger(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof jakarta.json.JsonNumber number && number.isIntegral()) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException tooLarge) {
                throw SpoqProblem.invalid(field, "'" + field + "' is too large.");
            }
        }
        throw SpoqProblem.invalid(field, "'" + field + "' must be a whole number.");
    }

    String optionalString(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw SpoqProblem.invalid(field, "'" + field + "' must be a string.");
    }

    /** An array of strings that may be absent; anything else is an error naming the field. */
    java.util.List<String> optionalStringArray(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return java.util.List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY
                || !value.asJsonArray().stream().allMatch(v -> v instanceof JsonString)) {
            throw SpoqProblem.invalid(field, "'" + field + "' must be an array of strings.");
        }
        return value.asJsonArray().stream().map(v -> ((JsonString) v).getString()).toList();
    }

    private static byte[] readBounded(InputStream in) {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BYTES) {
                    throw new SpoqProblem(ProblemKind.TOO_LARGE, "body-too-large", null,
                            "The request body is larger than " + MAX_BYTES / 1024 + " KiB.");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw malformed("The request body could not be read.");
        }
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("The body must be UTF-8.");
        }
    }

    private static SpoqProblem malformed(String detail) {
        return new SpoqProblem(ProblemKind.INVALID, "malformed-json", null, detail);
    }
}
