package com.wheretoeat.venues.osm;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.port.VenueSearch;
import com.wheretoeat.venues.Endpoints;
import com.wheretoeat.venues.HttpFetcher;
import com.wheretoeat.venues.ProviderException;
import com.wheretoeat.venues.RateLimit;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Places to eat from OpenStreetMap. Near a point, the Overpass API lists the named restaurants,
 * cafés, fast food places, food courts, pubs and beer gardens within the radius, nearest first;
 * a search by text asks Nominatim (within a box around the point, if one is given); a lookup by
 * id ({@code osm:node-123}, {@code osm:way-456}) asks Overpass for that element. Data ©
 * OpenStreetMap contributors (ODbL), which a page showing it should say.
 */
public final class OsmVenueSearch implements VenueSearch {
    static final String OVERPASS = "OpenStreetMap (Overpass)";
    static final String NOMINATIM = "OpenStreetMap (Nominatim)";
    /** Nominatim answers at most 40 results to one search. */
    private static final int NOMINATIM_MAX_LIMIT = 40;

    private final OsmSettings settings;
    private final HttpFetcher overpass;
    private final HttpFetcher nominatim;
    private final RateLimit overpassRate;
    private final RateLimit nominatimRate;

    public OsmVenueSearch(OsmSettings settings) {
        this.settings = settings;
        this.overpass = new HttpFetcher(OVERPASS, settings.userAgent(), settings.timeout());
        this.nominatim = new HttpFetcher(NOMINATIM, settings.userAgent(), settings.timeout());
        this.overpassRate = new RateLimit(OVERPASS, settings.overpassPerSecond());
        this.nominatimRate = new RateLimit(NOMINATIM, settings.nominatimPerSecond());
    }

    @Override
    public CompletionStage<List<Venue>> search(VenueQuery query) {
        if (query.text() != null) {
            return byText(query);
        }
        if (query.near() != null) {
            return near(query.near(), query.limit());
        }
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletionStage<Optional<Venue>> lookup(VenueId id) {
        Optional<OsmPlaces.Element> element = OsmPlaces.Element.of(id);
        if (element.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return overpass(OverpassQuery.element(element.get(), settings.timeout()))
                .thenApply(answer -> elements(answer).map(OsmPlaces::fromOverpass).flatMap(Optional::stream)
                        .filter(venue -> venue.id().equals(id)).findFirst());
    }

    private CompletableFuture<List<Venue>> near(Coordinates point, int limit) {
        return overpass(OverpassQuery.near(point, settings.radiusMetres(), settings.timeout()))
                .thenApply(answer -> nearestFirst(elements(answer).map(OsmPlaces::fromOverpass), point, limit));
    }

    private CompletableFuture<List<Venue>> byText(VenueQuery query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("q", query.text());
        parameters.put("format", "jsonv2");
        // Room for the results that are not places to eat, which are left out.
        parameters.put("limit", Integer.toString(Math.min(NOMINATIM_MAX_LIMIT, query.limit() * 2)));
        parameters.put("layer", "poi");
        parameters.put("addressdetails", "1");
        parameters.put("extratags", "1");
        if (query.near() != null) {
            parameters.put("viewbox", viewbox(query.near(), settings.radiusMetres()));
            parameters.put("bounded", "1");
        }
        URI uri = Endpoints.of(settings.nominatimUrl(), "/search", parameters);
        return call(nominatimRate, nominatim, HttpRequest.newBuilder(uri).GET()).thenApply(answer -> {
            var venues = StreamSupport.stream(answer.spliterator(), false).map(OsmPlaces::fromNominatim);
            return query.near() == null
                    ? venues.flatMap(Optional::stream).limit(query.limit()).toList()
                    : nearestFirst(venues, query.near(), query.limit());
        });
    }

    /**
     * Overpass takes its query as GET or POST; GET, because the JDK's client sends a GET again on a
     * kept-alive connection that the server had just closed, where a POST fails.
     */
    private CompletableFuture<JsonNode> overpass(String ql) {
        URI uri = Endpoints.of(settings.overpassUrl(), "/interpreter", Map.of("data", ql));
        return call(overpassRate, overpass, HttpRequest.newBuilder(uri).GET());
    }

    private static CompletableFuture<JsonNode> call(RateLimit rate, HttpFetcher fetcher, HttpRequest.Builder request) {
        try {
            rate.acquire();
        } catch (ProviderException e) {
            return CompletableFuture.failedFuture(e);
        }
        return fetcher.fetchJson(request);
    }

    private static Stream<JsonNode> elements(JsonNode answer) {
        return StreamSupport.stream(answer.path("elements").spliterator(), false);
    }

    private static List<Venue> nearestFirst(Stream<Optional<Venue>> venues, Coordinates point, int limit) {
        Function<Venue, Double> distance = v -> v.location() == null ? Double.MAX_VALUE : v.location().metresTo(point);
        return venues.flatMap(Optional::stream).sorted(Comparator.comparing(distance)).limit(limit).toList();
    }

    /** Nominatim's {@code viewbox}: west,south,east,north of a square around {@code point}. */
    static String viewbox(Coordinates point, int radiusMetres) {
        double dLat = radiusMetres / 111_320.0;
        double dLon = Math.min(180, radiusMetres / (111_320.0 * Math.max(0.01, Math.cos(Math.toRadians(point.latitude())))));
        return String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f",
                Math.max(-180, point.longitude() - dLon), Math.max(-90, point.latitude() - dLat),
                Math.min(180, point.longitude() + dLon), Math.min(90, point.latitude() + dLat));
    }
}
