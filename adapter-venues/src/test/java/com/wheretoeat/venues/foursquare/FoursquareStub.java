package com.wheretoeat.venues.foursquare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.venues.StubServer;
import com.wheretoeat.venues.StubServer.Answer;
import com.wheretoeat.venues.StubServer.Request;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Foursquare's Places API as far as the tests need it, answering from a hand-written fixture in
 * its documented format: {@code /places/search} reads {@code query}, {@code ll}, {@code radius},
 * {@code sort} and {@code limit}; {@code /places/{id}} answers one place or 404. A request
 * without the right {@code Authorization: Bearer} key is answered 401, as the service would.
 */
final class FoursquareStub implements Function<Request, Answer> {
    static final String KEY = "fsq3-test-SECRET-KEY-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode fixture;

    FoursquareStub(String fixture) {
        this.fixture = read(StubServer.fixture(fixture));
    }

    static FoursquareStub places() {
        return new FoursquareStub("foursquare/places.json");
    }

    @Override
    public Answer apply(Request request) {
        if (!("Bearer " + KEY).equals(request.header("Authorization"))) {
            return Answer.status(401);
        }
        if (request.path().equals("/places/search")) {
            return Answer.json(search(request));
        }
        if (request.path().startsWith("/places/")) {
            String id = request.path().substring("/places/".length());
            for (JsonNode place : fixture.path("results")) {
                if (place.path("fsq_place_id").asText().equals(id)) {
                    ObjectNode details = place.deepCopy();
                    details.remove("distance"); // only a search knows where from
                    return Answer.json(details.toString());
                }
            }
            return Answer.status(404);
        }
        return Answer.status(400);
    }

    private String search(Request request) {
        String query = request.parameter("query");
        Coordinates ll = null;
        if (request.parameter("ll") != null) {
            String[] parts = request.parameter("ll").split(",");
            ll = new Coordinates(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
        }
        int radius = request.parameter("radius") == null ? 22_000 : Integer.parseInt(request.parameter("radius"));
        List<ObjectNode> found = new ArrayList<>();
        for (JsonNode place : fixture.path("results")) {
            ObjectNode copy = place.deepCopy();
            boolean matches = query == null
                    || place.path("name").asText().toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT));
            if (ll != null) {
                long distance = Math.round(new Coordinates(place.path("latitude").asDouble(),
                        place.path("longitude").asDouble()).metresTo(ll));
                copy.put("distance", distance);
                matches &= distance <= radius;
            }
            if (matches) {
                found.add(copy);
            }
        }
        if ("DISTANCE".equals(request.parameter("sort"))) {
            found.sort(Comparator.comparingLong(p -> p.path("distance").asLong()));
        }
        ArrayNode results = JSON.createArrayNode();
        found.stream().limit(Integer.parseInt(request.parameter("limit"))).forEach(results::add);
        ObjectNode answer = JSON.createObjectNode();
        answer.set("results", results);
        answer.set("context", fixture.path("context"));
        return answer.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
