package com.wheretoeat.venues.osm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.venues.StubServer;
import com.wheretoeat.venues.StubServer.Answer;
import com.wheretoeat.venues.StubServer.Request;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Overpass and Nominatim as far as the tests need them, answering from hand-written fixtures in
 * their documented formats: it reads the Overpass QL for {@code around:} or an element id, and
 * Nominatim's {@code q}, {@code viewbox}/{@code bounded} and {@code limit}, as the services would.
 */
final class OsmStub implements Function<Request, Answer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AROUND = Pattern.compile("around:(\\d+),(-?[\\d.]+),(-?[\\d.]+)");
    private static final Pattern ELEMENT = Pattern.compile("\\b(node|way|rel)\\((\\d+)\\)");
    private static final Pattern OUT_LIMIT = Pattern.compile("out center (\\d+);");

    private final JsonNode overpass;
    private final JsonNode nominatim;

    OsmStub(String overpassFixture) {
        this.overpass = read(StubServer.fixture(overpassFixture));
        this.nominatim = read(StubServer.fixture("osm/nominatim-places.json"));
    }

    static OsmStub places() {
        return new OsmStub("osm/overpass-places.json");
    }

    @Override
    public Answer apply(Request request) {
        if (request.path().equals("/interpreter") && request.parameter("data") != null) {
            return Answer.json(overpass(request.parameter("data")));
        }
        if (request.path().equals("/search") && "jsonv2".equals(request.parameter("format"))) {
            return Answer.json(nominatim(request));
        }
        return Answer.status(400);
    }

    private String overpass(String ql) {
        Matcher around = AROUND.matcher(ql);
        Matcher element = ELEMENT.matcher(ql);
        Matcher outLimit = OUT_LIMIT.matcher(ql);
        int limit = outLimit.find() ? Integer.parseInt(outLimit.group(1)) : Integer.MAX_VALUE;
        ArrayNode found = JSON.createArrayNode();
        for (JsonNode e : overpass.path("elements")) {
            boolean matches;
            if (around.find(0)) {
                Coordinates point = new Coordinates(Double.parseDouble(around.group(2)), Double.parseDouble(around.group(3)));
                JsonNode at = e.has("center") ? e.get("center") : e;
                matches = at.has("lat") && new Coordinates(at.get("lat").asDouble(), at.get("lon").asDouble())
                        .metresTo(point) <= Integer.parseInt(around.group(1));
            } else if (element.find(0)) {
                String type = element.group(1).equals("rel") ? "relation" : element.group(1);
                matches = e.path("type").asText().equals(type) && e.path("id").asText().equals(element.group(2));
            } else {
                matches = false;
            }
            if (matches && found.size() < limit) {
                found.add(e);
            }
        }
        ObjectNode answer = overpass.deepCopy();
        answer.set("elements", found);
        return answer.toString();
    }

    private String nominatim(Request request) {
        String q = request.parameter("q").toLowerCase(Locale.ROOT);
        int limit = Integer.parseInt(request.parameter("limit"));
        double[] box = "1".equals(request.parameter("bounded")) ? viewbox(request.parameter("viewbox")) : null;
        ArrayNode found = JSON.createArrayNode();
        for (JsonNode r : nominatim) {
            double lon = r.get("lon").asDouble();
            double lat = r.get("lat").asDouble();
            boolean inBox = box == null || (lon >= box[0] && lat >= box[1] && lon <= box[2] && lat <= box[3]);
            if (r.path("name").asText().toLowerCase(Locale.ROOT).contains(q) && inBox && found.size() < limit) {
                found.add(r);
            }
        }
        return found.toString();
    }

    private static double[] viewbox(String value) {
        String[] parts = value.split(",");
        double x1 = Double.parseDouble(parts[0]);
        double y1 = Double.parseDouble(parts[1]);
        double x2 = Double.parseDouble(parts[2]);
        double y2 = Double.parseDouble(parts[3]);
        return new double[] {Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)};
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
