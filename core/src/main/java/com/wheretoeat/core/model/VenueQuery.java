package com.wheretoeat.core.model;

import com.wheretoeat.core.error.InvalidInputException;

/** A search for places: near a point, matching some text, or both. {@code near} and {@code text} may be null. */
public record VenueQuery(Coordinates near, String text, int limit) {
    public static final int MAX_TEXT = 100;
    public static final int MAX_LIMIT = 50;
    public static final int DEFAULT_LIMIT = 20;

    public VenueQuery {
        text = Text.optionalDisplayable("query", text, MAX_TEXT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "The limit must be from 1 to " + MAX_LIMIT + ".");
        }
    }

    public static VenueQuery near(Coordinates point) {
        return new VenueQuery(point, null, DEFAULT_LIMIT);
    }

    public static VenueQuery matching(String text) {
        return new VenueQuery(null, text, DEFAULT_LIMIT);
    }
}
