package com.wheretoeat.core.model;

import com.wheretoeat.core.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A place one can vote for. Only {@code id} and {@code name} are required; {@code address},
 * {@code location}, {@code category} and {@code url} are {@code null} when unknown.
 */
public record Venue(VenueId id, String name, String address, Coordinates location, String category, String url) {
    public static final int MAX_NAME = 100;
    public static final int MAX_ADDRESS = 200;
    public static final int MAX_CATEGORY = 50;
    public static final int MAX_URL = 500;
    private static final Pattern ACCENTS = Pattern.compile("(?<=[\\p{IsLatin}\\p{IsGreek}\\p{IsCyrillic}])\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

    public Venue {
        if (id == null) {
            throw new InvalidInputException("venue.id", "The venue id is missing.");
        }
        name = Text.displayable("venue name", name, MAX_NAME);
        address = Text.optionalDisplayable("venue address", address, MAX_ADDRESS);
        category = Text.optionalDisplayable("venue category", category, MAX_CATEGORY);
        url = webUrl(url);
    }

    /** A place from a listing or search provider, known by its id and name. */
    public static Venue listed(VenueId id, String name) {
        return new Venue(id, name, null, null, null, null);
    }

    /** A place someone typed in by name; its id is derived from the name. */
    public static Venue custom(String typedName) {
        String name = Text.displayable("venue name", typedName, MAX_NAME);
        return listed(VenueId.custom(name), name);
    }

    /**
     * What two names of one place have in common however they were typed: case, accents on Latin,
     * Greek and Cyrillic letters, punctuation and spaces do not count ("  Café  Roma!" and "cafe roma"
     * are one place). Marks of other scripts stay: there they make different words.
     */
    public static String nameKey(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        String bare = Normalizer.normalize(ACCENTS.matcher(decomposed).replaceAll(""), Normalizer.Form.NFC);
        return NOT_WORD.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    public Venue withAddress(String newAddress) {
        return new Venue(id, name, newAddress, location, category, url);
    }

    public Venue withLocation(Coordinates newLocation) {
        return new Venue(id, name, address, newLocation, category, url);
    }

    public Venue withCategory(String newCategory) {
        return new Venue(id, name, address, location, newCategory, url);
    }

    public Venue withUrl(String newUrl) {
        return new Venue(id, name, address, location, category, newUrl);
    }

    private static String webUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String url = raw.strip();
        if (url.length() > MAX_URL) {
            throw new InvalidInputException("venue.url", "The venue URL must be at most " + MAX_URL + " characters long.");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new InvalidInputException("venue.url", "The venue URL must be an http or https address.");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new InvalidInputException("venue.url", "The venue URL is not a valid address.");
        }
    }
}
