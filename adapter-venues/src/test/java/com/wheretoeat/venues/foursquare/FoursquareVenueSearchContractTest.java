package com.wheretoeat.venues.foursquare;

import com.wheretoeat.core.contract.VenueSearchContract;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.port.VenueSearch;
import com.wheretoeat.venues.StubServer;
import org.junit.jupiter.api.AfterEach;

/** The port's specification, against Foursquare's Places API stood in for by a local stub. */
class FoursquareVenueSearchContractTest extends VenueSearchContract {
    private final StubServer stub = StubServer.start(FoursquareStub.places());

    @AfterEach
    void stop() {
        stub.close();
    }

    @Override
    protected VenueSearch newSearch() {
        return new FoursquareVenueSearch(FoursquareSettings.builder(FoursquareStub.KEY).baseUrl(stub.uri())
                .perSecond(100).build());
    }

    @Override
    protected String knownName() {
        return "Trattoria Roma";
    }

    @Override
    protected Coordinates nearby() {
        return new Coordinates(52.5200, 13.4050);
    }
}
