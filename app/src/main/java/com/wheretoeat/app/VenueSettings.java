package com.wheretoeat.app;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where places come from: the provider, its key and addresses, and how its answers are bounded and
 * cached. {@link #toString()} never shows the key.
 */
record VenueSettings(
        Provider provider,
        Optional<String> foursquareKey,
        URI overpassUrl,
        URI nominatimUrl,
        URI foursquareUrl,
        int radiusMetres,
        Duration timeout,
        Duration cacheTtl,
        long cacheSize,
        String contact) {

    /** The providers one can pick with {@code VENUES}. */
    enum Provider {
        OSM, FOURSQUARE, CATALOG
    }

    @Override
    public String toString() {
        return "VenueSettings[provider=" + provider + ", foursquareKey=" + (foursquareKey.isPresent() ? "***" : "unset")
                + ", overpassUrl=" + overpassUrl + ", nominatimUrl=" + nominatimUrl + ", foursquareUrl=" + foursquareUrl
                + ", radiusMetres=" + radiusMetres + ", timeout=" + timeout + ", cacheTtl=" + cacheTtl
                + ", cacheSize=" + cacheSize + ", contact=" + contact + "]";
    }
}
