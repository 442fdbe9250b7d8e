package com.wheretoeat.venues.osm;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.venues.VenueDraft;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OpenStreetMap's places as venues: ids, the amenities that are places to eat, and their tags in words. */
final class OsmPlaces {
    static final String SOURCE = "osm";
    /** The values of {@code amenity} that are places to eat. */
    static final Set<String> EATING = Set.of("restaurant", "cafe", "fast_food", "food_court", "pub", "biergarten");
    private static final Map<String, String> AMENITY_WORDS = Map.of("restaurant", "Restaurant", "cafe", "Café",
            "fast_food", "Fast food", "food_court", "Food court", "pub", "Pub", "biergarten", "Beer garden");
    private static final Map<String, String> CUISINE_WORDS = Map.of("bbq", "Barbecue", "coffee_shop", "Coffee shop");
    private static final Pattern ID = Pattern.compile("osm:(node|way|relation)-([1-9][0-9]{0,18})");

    private OsmPlaces() {}

    /** An element's type and number, from a venue id this provider gave. */
    record Element(String type, long number) {
        static Optional<Element> of(VenueId id) {
            Matcher m = ID.matcher(id.value());
            if (!m.matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Element(m.group(1), Long.parseLong(m.group(2))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        String venueId() {
            return SOURCE + ":" + type + "-" + number;
        }
    }

    /**
     * An element of an Overpass answer ({@code out center}), or empty when it is no usable place: one
     * without a name, or no place to eat (a lookup by id may name any element of the map).
     */
    static Optional<Venue> fromOverpass(JsonNode element) {
        JsonNode point = element.has("center") ? element.get("center") : element;
        Map<String, String> tags = tags(element.path("tags"));
        if (!EATING.contains(tags.getOrDefault("amenity", ""))) {
            return Optional.empty();
        }
        return venue(element.path("type").asText(""), element.path("id").asLong(0),
                number(point.get("lat")), number(point.get("lon")), tags);
    }

    /** A result of Nominatim's {@code format=jsonv2} with address details and extra tags, or empty. */
    static Optional<Venue> fromNominatim(JsonNode result) {
        if (!"amenity".equals(result.path("category").asText()) || !EATING.contains(result.path("type").asText())) {
            return Optional.empty();
        }
        Map<String, String> tags = tags(result.path("extratags"));
        tags.put("amenity", result.path("type").asText());
        put(tags, "name", result.path("name"));
        JsonNode address = result.path("address");
        put(tags, "addr:street", address.path("road"));
        put(tags, "addr:housenumber", address.path("house_number"));
        for (String place : new String[] {"city", "town", "village"}) {
            if (!tags.containsKey("addr:city")) {
                put(tags, "addr:city", address.path(place));
            }
        }
        return venue(result.path("osm_type").asText(""), result.path("osm_id").asLong(0),
                number(result.get("lat")), number(result.get("lon")), tags);
    }

    private static Optional<Venue> venue(String type, long number, Double lat, Double lon, Map<String, String> tags) {
        if (!(type.equals("node") || type.equals("way") || type.equals("relation")) || number < 1) {
            return Optional.empty();
        }
        return VenueDraft.of(new Element(type, number).venueId(), tags.get("name")).map(draft -> draft
                .address(address(tags))
                .category(category(tags))
                .location(lat, lon)
                .url(tags.getOrDefault("website", tags.get("contact:website")))
                .venue());
    }

    /** The first cuisine in words ("italian;pizza" is "Italian"), else the kind of place. */
    static String category(Map<String, String> tags) {
        String cuisine = tags.get("cuisine");
        if (cuisine != null && !cuisine.isBlank()) {
            String first = cuisine.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!first.isEmpty()) {
                return CUISINE_WORDS.getOrDefault(first, capitalized(first.replace('_', ' ')));
            }
        }
        return AMENITY_WORDS.get(tags.get("amenity"));
    }

    /** "Street 12, City", from the {@code addr:*} tags; none without a street. */
    static String address(Map<String, String> tags) {
        String street = tags.get("addr:street");
        if (street == null || street.isBlank()) {
            return null;
        }
        String number = tags.get("addr:housenumber");
        String city = tags.get("addr:city");
        return street.strip() + (number == null || number.isBlank() ? "" : " " + number.strip())
                + (city == null || city.isBlank() ? "" : ", " + city.strip());
    }

    private static String capitalized(String words) {
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static Map<String, String> tags(JsonNode object) {
        Map<String, String> tags = new HashMap<>();
        object.properties().forEach(e -> put(tags, e.getKey(), e.getValue()));
        return tags;
    }

    private static void put(Map<String, String> tags, String key, JsonNode value) {
        if (value != null && value.isValueNode() && !value.isNull()) {
            tags.put(key, value.asText());
        }
    }

    /** A number, also when given as text as Nominatim does; null when absent or not a number. */
    private static Double number(JsonNode value) {
        if (value == null || !(value.isNumber() || value.isTextual())) {
            return null;
        }
        try {
            double number = value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText());
            return Double.isFinite(number) ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
