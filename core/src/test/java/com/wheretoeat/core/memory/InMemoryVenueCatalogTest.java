package com.wheretoeat.core.memory;

import com.wheretoeat.core.contract.VenueSearchContract;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.port.VenueSearch;

class InMemoryVenueCatalogTest extends VenueSearchContract {
    @Override
    protected VenueSearch newSearch() {
        return InMemoryVenueCatalog.withExamples();
    }

    @Override
    protected String knownName() {
        return "Trattoria Roma";
    }

    @Override
    protected Coordinates nearby() {
        return new Coordinates(52.52, 13.405);
    }
}
