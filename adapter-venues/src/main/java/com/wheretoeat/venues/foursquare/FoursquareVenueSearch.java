package com.wheretoeat.venues.foursquare;

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
import com.wheretoeat.venues.VenueDraft;
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
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * Places from Foursquare's Places API as it is since its 2025 move off {@code api.foursquare.com/v3}:
 * {@code GET /places/search} ({@code ll}, {@code radius}, {@code query}, {@code limit},
 * {@code sort=DISTANCE}) and {@code GET /places/{fsq_place_id}} on {@code places-api.foursquare.com},
 * authorized by a service API key as {@code Authorization: Bearer <key>}, with the dated version in
 * {@code X-Places-Api-Version}. A place's fields are {@code fsq_place_id}, {@code name},
 * {@code latitude}, {@code longitude}, {@code location.formatted_address}, {@code categories[].name},
 * {@code website} and, from a search, {@code distance}. Ids are {@code fsq:<fsq_place_id>}.
 *
 * <p>Sources (read 2026): docs.foursquare.com/fsq-developers-places/reference/migration-guide
 * (new host and paths, versioning by header), .../authentication (service key as Bearer, the
 * {@code X-Places-Api-Version: 2025-06-17} example), .../place-search (ll, radius up to 100,000 m,
 * query) and .../response-fields (the fields above). {@code sort=DISTANCE} and the {@code results}
 * array around search answers are as in the v3 API; the pages read did not show them again.
 */
public final class FoursquareVenueSearch implements VenueSearch {
    static final String PROVIDER = "Foursquare";
    static final String SOURCE = "fsq";
    /** What a place id may be; anything else is not sent into a URL path. */
    private static final Pattern PLACE_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final FoursquareSettings settings;
    private final HttpFetcher http;
    private final RateLimit rate;

    public FoursquareVenueSearch(FoursquareSettings settings) {
        this.settings = settings;
        this.http = new HttpFetcher(PROVIDER, settings.userAgent(), settings.timeout());
        this.rate = new RateLimit(PROVIDER, settings.perSecond());
    }

    @Override
    public CompletionStage<List<Venue>> search(VenueQuery query) {
        if (query.near() == null && query.text() == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.text() != null) {
            parameters.put("query", query.text());
        }
        if (query.near() != null) {
            parameters.put("ll", String.format(Locale.ROOT, "%.6f,%.6f", query.near().latitude(), query.near().longitude()));
            parameters.put("radius", Integer.toString(settings.radiusMetres()));
            parameters.put("sort", "DISTANCE");
        }
        parameters.put("limit", Integer.toString(query.limit()));
        URI uri = Endpoints.of(settings.baseUrl(), "/places/search", parameters);
        return call(uri).thenApply(answer -> {
            var venues = StreamSupport.stream(answer.path("results").spliterator(), false)
                    .map(FoursquareVenueSearch::venue).flatMap(Optional::stream);
            if (query.near() != null) {
                Coordinates point = query.near();
                venues = venues.sorted(Comparator.comparingDouble(
                        v -> v.location() == null ? Double.MAX_VALUE : v.location().metresTo(point)));
            }
            return venues.limit(query.limit()).toList();
        });
    }

    @Override
    public CompletionStage<Optional<Venue>> lookup(VenueId id) {
        String placeId = id.value().substring(id.value().indexOf(':') + 1);
        if (!id.source().equals(SOURCE) || !PLACE_ID.matcher(placeId).matches()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return call(URI.create(settings.baseUrl() + "/places/" + placeId)).handle((answer, error) -> {
            if (error == null) {
                return venue(answer).filter(venue -> venue.id().equals(id));
            }
            Throwable cause = HttpFetcher.unwrap(error);
            if (cause instanceof ProviderException failure && failure.status() == 404) {
                return Optional.empty();
            }
            throw failure(cause);
        });
    }

    private CompletableFuture<JsonNode> call(URI uri) {
        try {
            rate.acquire();
        } catch (ProviderException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.fetchJson(HttpRequest.newBuilder(uri).GET()
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("X-Places-Api-Version", settings.apiVersion()));
    }

    static Optional<Venue> venue(JsonNode place) {
        String placeId = place.path("fsq_place_id").asText("");
        if (!PLACE_ID.matcher(placeId).matches()) {
            return Optional.empty();
        }
        JsonNode location = place.path("location");
        String address = location.path("formatted_address").asText(null);
        if (address == null && location.hasNonNull("address")) {
            address = location.path("address").asText() + (location.hasNonNull("locality")
                    ? ", " + location.path("locality").asText() : "");
        }
        String finalAddress = address;
        return VenueDraft.of(SOURCE + ":" + placeId, place.path("name").asText(null)).map(draft -> draft
                .address(finalAddress)
                .category(place.path("categories").path(0).path("name").asText(null))
                .location(number(place.get("latitude")), number(place.get("longitude")))
                .url(place.path("website").asText(null))
                .venue());
    }

    private static Double number(JsonNode value) {
        return value != null && value.isNumber() && Double.isFinite(value.asDouble()) ? value.asDouble() : null;
    }

    private static RuntimeException failure(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime
                : ProviderException.failed(PROVIDER, "failed (" + cause.getClass().getSimpleName() + ").", cause);
    }
}
