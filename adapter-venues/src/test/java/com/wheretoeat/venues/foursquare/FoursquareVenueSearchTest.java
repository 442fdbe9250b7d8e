package com.wheretoeat.venues.foursquare;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.venues.ProviderException;
import com.wheretoeat.venues.StubServer;
import com.wheretoeat.venues.StubServer.Answer;
import com.wheretoeat.venues.StubServer.Request;
import com.wheretoeat.venues.UserAgent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FoursquareVenueSearchTest {
    private static final Coordinates OFFICE = new Coordinates(52.5200, 13.4050);
    private static final Venue TRATTORIA = Venue.listed(VenueId.of("fsq:4adcda10f964a520af3521e3"), "Trattoria Roma")
            .withCategory("Italian Restaurant").withAddress("Marktstraße 12, 10178 Berlin")
            .withLocation(new Coordinates(52.5203, 13.4049)).withUrl("https://trattoria-roma.example/");
    private final StubServer stub = StubServer.start(FoursquareStub.places());
    private final FoursquareSettings settings = FoursquareSettings.builder(FoursquareStub.KEY).baseUrl(stub.uri())
            .userAgent(new UserAgent("1.2.3", "mailto:lunch@example.org")).perSecond(100).build();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aSearchNearAPointAsksForPlacesByDistanceWithTheKeyOnlyInTheAuthorizationHeader() {
        result(new FoursquareVenueSearch(settings).search(new VenueQuery(OFFICE, "roma", 7)));

        Request request = stub.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/places/search");
        assertThat(request.parameters()).isEqualTo(Map.of("query", "roma", "ll", "52.520000,13.405000",
                "radius", "1000", "sort", "DISTANCE", "limit", "7"));
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + FoursquareStub.KEY);
        assertThat(request.header("X-Places-Api-Version")).isEqualTo("2025-06-17");
        assertThat(request.header("User-Agent")).isEqualTo("WhereToEat/1.2.3 (+mailto:lunch@example.org)");
        request.headers().forEach((name, values) -> {
            if (!name.equals("authorization")) {
                assertThat(values).as(name).noneMatch(v -> v.contains(FoursquareStub.KEY));
            }
        });
        assertThat(request.parameters().values()).noneMatch(v -> v.contains(FoursquareStub.KEY));
    }

    @Test
    void aSearchByTextAloneSendsNoPoint() {
        result(new FoursquareVenueSearch(settings).search(VenueQuery.matching("roma")));

        assertThat(stub.requests().get(0).parameters()).isEqualTo(Map.of("query", "roma", "limit", "20"));
    }

    @Test
    void aFoursquarePlaceBecomesAVenue() {
        List<Venue> found = result(new FoursquareVenueSearch(settings).search(VenueQuery.near(OFFICE)));

        assertThat(found.get(0)).isEqualTo(TRATTORIA);
        assertThat(found).extracting(Venue::name).doesNotContain("Far Away Diner");
    }

    @Test
    void aPlaceIsLookedUpByItsFoursquareId() {
        var found = result(new FoursquareVenueSearch(settings).lookup(TRATTORIA.id()));

        assertThat(found).contains(TRATTORIA);
        assertThat(stub.requests().get(0).path()).isEqualTo("/places/4adcda10f964a520af3521e3");
    }

    @Test
    void anIdFoursquareDoesNotKnowIsNotFound() {
        assertThat(result(new FoursquareVenueSearch(settings).lookup(VenueId.of("fsq:000000000000000000000000")))).isEmpty();
    }

    @Test
    void anIdThatCouldReachAnotherPathIsNotSent() {
        assertThat(result(new FoursquareVenueSearch(settings).lookup(VenueId.of("fsq:..@x/../places/search")))).isEmpty();
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void aLookupThatFailsOtherwiseFails() {
        stub.answer(request -> Answer.status(503));

        Throwable failure = catchThrowable(() -> result(new FoursquareVenueSearch(settings).lookup(TRATTORIA.id())));

        assertThat(failure).isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(failure.getMessage()).doesNotContain(FoursquareStub.KEY);
    }

    @Test
    void anOddPlaceLosesTheBadDetailOrIsSkippedButTheAnswerStands() {
        stub.answer(new FoursquareStub("foursquare/odd-places.json"));

        List<Venue> found = result(new FoursquareVenueSearch(settings).search(VenueQuery.near(OFFICE)));

        // A name too long and an id that is not one: skipped. A javascript: website and an address
        // too long: dropped.
        assertThat(found).extracting(Venue::name).containsExactly("Script Kitchen", "Good Place");
        assertThat(found.get(0).url()).isNull();
        assertThat(found.get(1).address()).isNull();
        assertThat(found.get(1).url()).isEqualTo("https://good-place.example/");
    }

    @Test
    void theKeyIsNeverShownBySettings() {
        assertThat(settings.toString()).doesNotContain(FoursquareStub.KEY).contains("apiKey=(redacted)");
        assertThat(settings.mutate().build()).isEqualTo(settings);
        assertThatThrownBy(() -> FoursquareSettings.builder("key with space " + FoursquareStub.KEY).build())
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(FoursquareStub.KEY);
    }
}
