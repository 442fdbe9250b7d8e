package com.wheretoeat.app;

import com.wheretoeat.core.WhereToEatBuilder;
import com.wheretoeat.core.memory.InMemoryVenueCatalog;
import com.wheretoeat.core.port.VenueSearch;
import com.wheretoeat.venues.CacheSettings;
import com.wheretoeat.venues.CachedVenueSearch;
import com.wheretoeat.venues.UserAgent;
import com.wheretoeat.venues.foursquare.FoursquareSettings;
import com.wheretoeat.venues.foursquare.FoursquareVenueSearch;
import com.wheretoeat.venues.osm.OsmSettings;
import com.wheretoeat.venues.osm.OsmVenueSearch;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/** Picks the place provider the settings name, with its cache, and the catalog to fall back on. */
final class Venues {
    private Venues() {}

    /** Wires the provider into {@code builder}, and its cache's hits and misses into {@code metrics}. */
    static WhereToEatBuilder wire(WhereToEatBuilder builder, Settings settings, MeterRegistry metrics) {
        InMemoryVenueCatalog catalog = settings.venueCatalog().map(VenueCatalogFile::load)
                .orElseGet(InMemoryVenueCatalog::withExamples);
        VenueSettings venues = settings.venues();
        if (venues.provider() == VenueSettings.Provider.CATALOG) {
            return builder.venueSearch(catalog);
        }
        UserAgent agent = UserAgent.of(venues.contact().isBlank() ? null : venues.contact());
        VenueSearch live = venues.provider() == VenueSettings.Provider.OSM
                ? new OsmVenueSearch(OsmSettings.builder().overpassUrl(venues.overpassUrl())
                        .nominatimUrl(venues.nominatimUrl()).radiusMetres(venues.radiusMetres())
                        .timeout(venues.timeout()).userAgent(agent).build())
                : new FoursquareVenueSearch(FoursquareSettings.builder(venues.foursquareKey().orElseThrow())
                        .baseUrl(venues.foursquareUrl()).radiusMetres(venues.radiusMetres())
                        .timeout(venues.timeout()).userAgent(agent).build());
        if (!venues.cacheTtl().isZero()) {
            CachedVenueSearch cached = new CachedVenueSearch(live, CacheSettings.builder()
                    .maximumSize(venues.cacheSize()).timeToLive(venues.cacheTtl()).build());
            FunctionCounter.builder("wte_venue_cache_hits", cached, cache -> cache.statistics().hitCount())
                    .description("place searches and lookups answered from the cache").register(metrics);
            FunctionCounter.builder("wte_venue_cache_misses", cached, cache -> cache.statistics().missCount())
                    .description("place searches and lookups that asked the provider").register(metrics);
            live = cached;
        }
        // The core bounds the whole provider call a little beyond the provider's own timeout.
        return builder.venueSearch(live).venueFallback(catalog).venueTimeout(venues.timeout().plusSeconds(1));
    }
}
