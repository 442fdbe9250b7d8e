package com.wheretoeat.core.memory;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.contract.VenueSearchContract;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.port.VenueSearch;
import org.junit.jupiter.api.Test;

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

    @Test
    void aPlaceSomeoneTypedInCanBeFoundAfterwards() {
        InMemoryVenueCatalog catalog = InMemoryVenueCatalog.withExamples();

        result(catalog.remember(Venue.custom("Mama's Dumplings")));

        assertThat(result(catalog.search(VenueQuery.matching("dumpling")))).extracting(Venue::name)
                .containsExactly("Mama's Dumplings");
    }

    @Test
    void typedInPlacesAreCappedSoTypingCannotExhaustMemory() {
        InMemoryVenueCatalog catalog = new InMemoryVenueCatalog(java.util.List.of());
        for (int i = 0; i < InMemoryVenueCatalog.MAX_CUSTOM + 10; i++) {
            result(catalog.remember(Venue.custom("Spam Place " + i)));
        }

        assertThat(result(catalog.search(VenueQuery.matching("Spam Place 0")))).isEmpty();
        assertThat(result(catalog.search(VenueQuery.matching("Spam Place " + (InMemoryVenueCatalog.MAX_CUSTOM + 9)))))
                .hasSize(1);
    }
}
