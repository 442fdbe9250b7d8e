package com.wheretoeat.venues;

import com.wheretoeat.core.contract.VenueSearchContract;
import com.wheretoeat.core.memory.InMemoryVenueCatalog;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.port.VenueSearch;

/** The cache in front of a provider keeps the port's promises, rounding of points included. */
class CachedVenueSearchContractTest extends VenueSearchContract {
    @Override
    protected VenueSearch newSearch() {
        return new CachedVenueSearch(InMemoryVenueCatalog.withExamples(), CacheSettings.defaults());
    }

    @Override
    protected String knownName() {
        return "Trattoria Roma";
    }

    @Override
    protected Coordinates nearby() {
        return new Coordinates(52.52044, 13.40466);
    }
}
