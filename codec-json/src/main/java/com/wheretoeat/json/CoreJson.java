package com.wheretoeat.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.model.VenueId;

/**
 * The public JSON form of the core's values and events, the same in every adapter that speaks
 * JSON: names and ids as strings, times as ISO-8601 strings, absent fields left out, events
 * tagged by {@code type} ({@code member-joined}, {@code vote-cast}, ...). See docs/json.md.
 */
public final class CoreJson {
    private CoreJson() {}

    /** A new mapper that reads and writes the core's values; thread-safe once built. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new CoreValuesModule())
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A newer peer may add fields; an older reader ignores them instead of failing.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /**
     * Whether a client's venue object picks a place typed in, known by its name, rather than a
     * listed one, known by its id alone: it has no id, or a typed place's id with a name. The one
     * rule for the JSON API and the live protocol (docs/json.md).
     */
    public static boolean isTypedPick(JsonNode venue) {
        JsonNode id = venue.get("id");
        return id == null || id.isNull()
                || (id.isTextual() && id.asText().startsWith(VenueId.CUSTOM_SOURCE + ":") && venue.hasNonNull("name"));
    }

    /**
     * The {@code bad-request} a caller should hear for JSON that could not be read: the value's
     * own complaint when a value refused itself (a name too long, a latitude of 91), or a plain
     * sentence about the JSON otherwise.
     */
    public static InvalidInputException invalid(JsonProcessingException error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInputException invalid) {
                return invalid;
            }
        }
        String field = error instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty() ? pathOf(mapping) : "body";
        return new InvalidInputException(field, "The " + field + " is missing, malformed or of the wrong type.");
    }

    private static String pathOf(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (var reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }
}
