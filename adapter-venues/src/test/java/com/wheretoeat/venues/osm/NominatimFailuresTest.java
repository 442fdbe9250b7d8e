package com.wheretoeat.venues.osm;

import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.port.VenueSearch;
import com.wheretoeat.venues.ProviderFailureCases;
import java.net.URI;
import java.time.Duration;

/** How a search by text fails when Nominatim does. */
class NominatimFailuresTest extends ProviderFailureCases {
    @Override
    protected VenueSearch provider(URI stub, Duration timeout) {
        return new OsmVenueSearch(OsmSettings.builder().overpassUrl(stub).nominatimUrl(stub).timeout(timeout).build());
    }

    @Override
    protected VenueQuery query() {
        return VenueQuery.matching("pizza");
    }

    @Override
    protected String emptyAnswer() {
        return "[]";
    }
}
