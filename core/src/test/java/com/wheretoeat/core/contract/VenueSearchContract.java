package com.wheretoeat.core.contract;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.port.VenueSearch;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The specification of {@link VenueSearch}, run by every provider of places. */
public abstract class VenueSearchContract {

    /** A search that knows at least three places, one of them named {@link #knownName()}. */
    protected abstract VenueSearch newSearch();

    /** The name of a place the search knows. */
    protected abstract String knownName();

    /** A point the known places are near. */
    protected abstract Coordinates nearby();

    @Test
    void aKnownPlaceIsFoundByPartOfItsNameInAnyCase() {
        String part = knownName().substring(0, Math.min(4, knownName().length())).toUpperCase(Locale.ROOT);

        List<Venue> found = result(newSearch().search(VenueQuery.matching(part)));

        assertThat(found).extracting(Venue::name).contains(knownName());
    }

    @Test
    void resultsNeverExceedTheLimit() {
        List<Venue> found = result(newSearch().search(new VenueQuery(nearby(), null, 2)));

        assertThat(found).hasSize(2);
    }

    @Test
    void placesNearAPointComeNearestFirst() {
        List<Venue> found = result(newSearch().search(VenueQuery.near(nearby())));

        List<Double> distances = found.stream().filter(v -> v.location() != null)
                .map(v -> v.location().metresTo(nearby())).toList();
        assertThat(distances).isNotEmpty().isSorted();
    }

    @Test
    void textNobodyUsesFindsNothing() {
        assertThat(result(newSearch().search(VenueQuery.matching("zzqx no such place zzqx")))).isEmpty();
    }

    @Test
    void aPlaceFoundIsLookedUpByItsIdWithTheSameDetails() {
        VenueSearch search = newSearch();
        Venue found = result(search.search(VenueQuery.near(nearby()))).get(0);

        assertThat(result(search.lookup(found.id()))).contains(found);
    }

    @Test
    void anIdThisProviderNeverGaveIsNotFound() {
        assertThat(result(newSearch().lookup(VenueId.of("nosuchprovider:zzqx")))).isEmpty();
    }

    @Test
    void everyPlaceFoundNamesItsProviderInItsId() {
        List<Venue> found = result(newSearch().search(VenueQuery.near(nearby())));

        assertThat(found).isNotEmpty().allSatisfy(venue -> assertThat(venue.id().isCustom()).isFalse());
    }
}
