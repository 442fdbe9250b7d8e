package com.wheretoeat.venues.osm;

import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.port.VenueSearch;
import com.wheretoeat.venues.ProviderFailureCases;
import java.net.URI;
import java.time.Duration;

/** How a search near a point fails when Overpass does. */
class OsmFailuresTest extends ProviderFailureCases {
    @Override
    protected VenueSearch provider(URI stub, Duration timeout) {
        return new OsmVenueSearch(OsmSettings.builder().overpassUrl(stub).nominatimUrl(stub).timeout(timeout).build());
    }

    @Override
    protected VenueQuery query() {
        return VenueQuery.near(new Coordinates(52.52, 13.405));
    }

    @Override
    protected String emptyAnswer() {
        return "{\"version\":0.6,\"generator\":\"Overpass API\",\"elements\":[]}";
    }
}
