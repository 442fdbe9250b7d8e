package com.wheretoeat.venues.foursquare;

import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.port.VenueSearch;
import com.wheretoeat.venues.ProviderFailureCases;
import java.net.URI;
import java.time.Duration;

/** How a search fails when Foursquare does, its key in no message. */
class FoursquareFailuresTest extends ProviderFailureCases {
    @Override
    protected VenueSearch provider(URI stub, Duration timeout) {
        return new FoursquareVenueSearch(FoursquareSettings.builder(FoursquareStub.KEY).baseUrl(stub).timeout(timeout).build());
    }

    @Override
    protected VenueQuery query() {
        return new VenueQuery(new Coordinates(52.52, 13.405), "pizza", 10);
    }

    @Override
    protected String emptyAnswer() {
        return "{\"results\":[],\"context\":{}}";
    }

    @Override
    protected String secret() {
        return FoursquareStub.KEY;
    }
}
