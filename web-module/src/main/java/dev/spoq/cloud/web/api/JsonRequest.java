package dev.spoq.cloud.web.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a request body that {@link JsonRequestReader} binds: the record is both the shape in
 * the OpenAPI document and what the resource receives, so the two cannot drift apart. Components marked
 * {@code @Schema(required = true)} must be present.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JsonRequest {
}
