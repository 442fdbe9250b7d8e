package com.wheretoeat.core.contract;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.port.AreaPlaces;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The specification of {@link AreaPlaces}, run by every adapter of the port. */
public abstract class AreaPlacesContract {
    private static final Venue DETAILED = Sample.NOODLES.withAddress("48 River Road, upstairs")
            .withUrl("https://noodles.example/");

    private AreaPlaces places;
    private Instant now;
    private Instant later;
    private AreaName area;

    protected abstract AreaPlaces newPlaces();

    protected void closePlaces(AreaPlaces places) {}

    @BeforeEach
    void open() {
        places = newPlaces();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        later = now.plusSeconds(7200);
        area = Sample.area("places-" + System.nanoTime());
    }

    @AfterEach
    void close() {
        closePlaces(places);
    }

    @Test
    void aKeptPlaceIsFoundWithEveryDetail() {
        result(places.keep(area, List.of(DETAILED, Sample.TACOS), now, later));

        assertThat(result(places.find(area, DETAILED.id(), now))).contains(DETAILED);
        assertThat(result(places.all(area, now))).containsExactlyInAnyOrder(DETAILED, Sample.TACOS);
    }

    @Test
    void placesBelongToTheirAreaAlone() {
        result(places.keep(area, List.of(Venue.custom("Mama's Dumplings")), now, later));
        AreaName other = Sample.area("elsewhere-" + System.nanoTime());

        assertThat(result(places.all(other, now))).isEmpty();
        assertThat(result(places.find(other, Venue.custom("Mama's Dumplings").id(), now))).isEmpty();
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertThat(result(places.find(area, VenueId.of("osm:node-1"), now))).isEmpty();
    }

    @Test
    void aPlaceIsGoneOnceItsTimeIsUp() {
        result(places.keep(area, List.of(Sample.TACOS), now, now.plusSeconds(60)));

        assertThat(result(places.find(area, Sample.TACOS.id(), now.plusSeconds(59)))).isPresent();
        assertThat(result(places.find(area, Sample.TACOS.id(), now.plusSeconds(60)))).isEmpty();
        assertThat(result(places.all(area, now.plusSeconds(60)))).isEmpty();
    }

    @Test
    void keepingAgainReplacesTheDetailsAndNeverShortensTheLife() {
        result(places.keep(area, List.of(Sample.NOODLES), now, now.plusSeconds(600)));
        result(places.keep(area, List.of(DETAILED), now, now.plusSeconds(60)));

        assertThat(result(places.find(area, DETAILED.id(), now.plusSeconds(300)))).contains(DETAILED);
    }

    @Test
    void theLatestToExpireComeFirst() {
        result(places.keep(area, List.of(Sample.TACOS), now, now.plusSeconds(60)));
        result(places.keep(area, List.of(Sample.TRATTORIA), now, now.plusSeconds(120)));

        assertThat(result(places.all(area, now))).containsExactly(Sample.TRATTORIA, Sample.TACOS);
    }

    @Test
    void anAreaKeepsABoundedNumberOfPlacesDroppingThoseThatExpireSoonest() {
        List<Venue> many = new ArrayList<>();
        for (int i = 0; i < AreaPlaces.MAX_PLACES + 20; i++) {
            many.add(Venue.custom("Spam Place " + i));
        }
        result(places.keep(area, many.subList(0, 20), now, now.plusSeconds(60)));
        result(places.keep(area, many.subList(20, many.size()), now, later));

        List<Venue> kept = result(places.all(area, now));
        assertThat(kept).hasSize(AreaPlaces.MAX_PLACES).doesNotContainAnyElementsOf(many.subList(0, 20));
    }

    @Test
    void theFirstProposedCentreHoldsForEveryone() {
        Coordinates first = new Coordinates(52.52, 13.405);

        assertThat(result(places.centre(area, null, now, later))).isEmpty();
        assertThat(result(places.centre(area, first, now, later))).contains(first);
        assertThat(result(places.centre(area, new Coordinates(48.85, 2.35), now, later))).contains(first);
        assertThat(result(places.centre(area, null, now, later))).contains(first);
    }

    @Test
    void aCentreLivesUntilItsLatestTimeThenANewOneMayTakeItsPlace() {
        Coordinates first = new Coordinates(52.52, 13.405);
        Coordinates second = new Coordinates(48.85, 2.35);
        result(places.centre(area, first, now, now.plusSeconds(60)));
        result(places.centre(area, null, now.plusSeconds(30), now.plusSeconds(120)));

        assertThat(result(places.centre(area, null, now.plusSeconds(90), now.plusSeconds(100)))).contains(first);
        assertThat(result(places.centre(area, second, now.plusSeconds(120), now.plusSeconds(200)))).contains(second);
        assertThat(result(places.centre(area, null, now.plusSeconds(200), now.plusSeconds(300)))).isEqualTo(Optional.empty());
    }
}
