package com.wheretoeat.venues.osm;

import com.wheretoeat.core.contract.VenueSearchContract;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.port.VenueSearch;
import com.wheretoeat.venues.StubServer;
import org.junit.jupiter.api.AfterEach;

/** The port's specification, against Overpass and Nominatim stood in for by a local stub. */
class OsmVenueSearchContractTest extends VenueSearchContract {
    private final StubServer stub = StubServer.start(OsmStub.places());

    @AfterEach
    void stop() {
        stub.close();
    }

    @Override
    protected VenueSearch newSearch() {
        return new OsmVenueSearch(OsmSettings.builder().overpassUrl(stub.uri()).nominatimUrl(stub.uri())
                .overpassPerSecond(100).nominatimPerSecond(100).build());
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
