package com.wheretoeat.core.model;

import com.wheretoeat.core.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The shared area a group votes in, as in {@code /a/office-3f}. Normalized by trimming and
 * lower-casing; then 1 to 64 characters of {@code a-z}, {@code 0-9}, {@code -} and {@code _},
 * starting with a letter or digit. Anything else is rejected, never rewritten.
 */
public record AreaName(String value) {
    public static final int MAX_LENGTH = 64;
    private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9_-]{0," + (MAX_LENGTH - 1) + "}");

    public AreaName {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("area", "The area name must not be empty.");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_LENGTH) {
            throw new InvalidInputException("area", "The area name must be at most " + MAX_LENGTH + " characters long.");
        }
        if (!SAFE.matcher(value).matches()) {
            throw new InvalidInputException("area",
                    "The area name may hold only letters a-z, digits, '-' and '_', and must start with a letter or digit.");
        }
    }

    public static AreaName of(String value) {
        return new AreaName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
