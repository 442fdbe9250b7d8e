package com.wheretoeat.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A client's choice of deadline, read the same way by the JSON API and the live protocol:
 * {@code {"at": "2026-11-20T12:15:00Z"}}, {@code {"inMinutes": 15}} (1 to 1440), or
 * {@code {"at": null}} to clear. Exactly one of {@code at} and {@code in} is set, or neither (clear).
 */
public record DeadlinePick(Instant at, Duration in) {
    public static final int MAX_MINUTES = 24 * 60;

    /** Reads the choice from a request object, or refuses it with a {@code bad-request} naming the field. */
    public static DeadlinePick read(JsonNode request) {
        if (request.has("inMinutes")) {
            JsonNode minutes = request.get("inMinutes");
            if (!minutes.isIntegralNumber() || !minutes.canConvertToLong() || minutes.asLong() < 1
                    || minutes.asLong() > MAX_MINUTES) {
                throw new InvalidInputException("inMinutes", "The inMinutes must be a whole number from 1 to " + MAX_MINUTES + ".");
            }
            return new DeadlinePick(null, Duration.ofMinutes(minutes.asLong()));
        }
        if (!request.has("at")) {
            throw new InvalidInputException("at",
                    "Say when: \"at\" an ISO-8601 time (null clears the deadline), or \"inMinutes\".");
        }
        JsonNode at = request.get("at");
        if (at.isNull()) {
            return new DeadlinePick(null, null);
        }
        try {
            if (at.isTextual()) {
                return new DeadlinePick(Instant.parse(at.asText()), null);
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new InvalidInputException("at", "The at must be an ISO-8601 time such as 2026-11-20T12:15:00Z.");
    }
}
