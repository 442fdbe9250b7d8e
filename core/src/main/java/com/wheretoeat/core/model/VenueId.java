package com.wheretoeat.core.model;

import com.wheretoeat.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A stable identifier of a place: {@code source:key}, such as {@code osm:node-123} from a
 * search provider or {@code custom:pizza-place} derived from a name someone typed.
 * Letters of any script, digits and {@code . _ - / @ :} only; at most 128 characters.
 */
public record VenueId(String value) {
    public static final int MAX_LENGTH = 128;
    public static final String CUSTOM_SOURCE = "custom";
    private static final Pattern FORM = Pattern.compile("[\\p{L}\\p{N}]+:[\\p{L}\\p{N}._@/:-]+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_SLUG = 96;

    public VenueId {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("venue.id", "The venue id must not be empty.");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidInputException("venue.id", "The venue id must be at most " + MAX_LENGTH + " characters long.");
        }
        if (!FORM.matcher(value).matches()) {
            throw new InvalidInputException("venue.id", "The venue id must look like source:key.");
        }
    }

    public static VenueId of(String value) {
        return new VenueId(value);
    }

    /**
     * The id of a place someone typed in: names with one {@link Venue#nameKey} ("Pizza Place!",
     * "pizza place", "Pizzá Place") share one id.
     */
    public static VenueId custom(String typedName) {
        String folded = Venue.nameKey(typedName);
        String slug = NOT_WORD.matcher(folded).replaceAll("-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            // A name of symbols only still needs a stable id of its own.
            String symbols = Normalizer.normalize(typedName.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            slug = HexFormat.of().formatHex(symbols.getBytes(StandardCharsets.UTF_8));
        }
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG);
        }
        return new VenueId(CUSTOM_SOURCE + ":" + slug);
    }

    /** The part before the first colon: who gave this id. */
    public String source() {
        return value.substring(0, value.indexOf(':'));
    }

    public boolean isCustom() {
        return CUSTOM_SOURCE.equals(source());
    }

    @Override
    public String toString() {
        return value;
    }
}
