package dev.spoq.cloud.web.api;

import dev.spoq.cloud.problem.SpoqProblem;

import java.util.UUID;
import java.util.regex.Pattern;

/** Ids in paths and bodies: a UUID, or a problem that names the field. */
public final class Ids {

    private static final Pattern UUID_SHAPE = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Ids() {
    }

    public static UUID parse(String field, String raw) {
        if (raw == null || !UUID_SHAPE.matcher(raw).matches()) {
            throw SpoqProblem.invalid(field, "'" + field + "' must be an id like 3f2b…-… (a UUID).");
        }
        return UUID.fromString(raw);
    }
}
