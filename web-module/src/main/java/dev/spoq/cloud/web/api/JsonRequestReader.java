package dev.spoq.cloud.web.api;

import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Binds a {@link JsonRequest} record from the body, field by field through {@link JsonBody} (size bound,
 * strict JSON), so that a wrong shape is answered with the name of the field at fault, where a generic
 * JSON-B binding would only say that the body could not be read. Field names are the components' names
 * in snake_case, as the API writes them ({@link JsonbConfiguration}).
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class JsonRequestReader implements MessageBodyReader<Record> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.isAnnotationPresent(JsonRequest.class);
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) throws WebApplicationException {
        return BINDINGS.get(type).read(JsonBody.read(body));
    }

    /** What reflection tells about a request record, worked out once per type rather than per request. */
    private static final ClassValue<Binding> BINDINGS = new ClassValue<>() {
        @Override
        protected Binding computeValue(Class<?> type) {
            return Binding.of(type);
        }
    };

    private enum Kind { STRING, UUID, STRING_LIST, INTEGER }

    private record Field(String name, boolean required, Kind kind) {

        Object read(JsonBody json) {
            return switch (kind) {
                case STRING -> required ? json.requiredString(name) : json.optionalString(name);
                case UUID -> {
                    String raw = required ? json.requiredString(name) : json.optionalString(name);
                    yield raw == null ? null : Ids.parse(name, raw);
                }
                case STRING_LIST -> json.optionalStringArray(name);
                case INTEGER -> json.optionalInteger(name);
            };
        }
    }

    private record Binding(List<Field> fields, Constructor<?> canonical) {

        static Binding of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            List<Field> fields = Arrays.stream(components)
                    .map(c -> new Field(snakeCase(c.getName()), required(type, c), kind(type, c))).toList();
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                canonical.setAccessible(true);
                return new Binding(fields, canonical);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }

        Record read(JsonBody json) {
            Object[] values = fields.stream().map(f -> f.read(json)).toArray();
            try {
                return (Record) canonical.newInstance(values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SpoqProblem problem) {
                    throw problem;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Kind kind(Class<?> type, RecordComponent component) {
        Class<?> kind = component.getType();
        if (kind == String.class) {
            return Kind.STRING;
        }
        if (kind == UUID.class) {
            return Kind.UUID;
        }
        if (kind == Integer.class) {
            return Kind.INTEGER;
        }
        if (kind == List.class && component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] == String.class) {
            return Kind.STRING_LIST;
        }
        throw new IllegalStateException(type.getName() + "." + component.getName() + ": no JSON binding for " + kind);
    }

    private static boolean required(Class<?> type, RecordComponent component) {
        try {
            Schema schema = type.getDeclaredField(component.getName()).getAnnotation(Schema.class);
            return schema != null && schema.required();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** profileId becomes profile_id, as JSON-B's LOWER_CASE_WITH_UNDERSCORES writes it. */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
