package com.wheretoeat.venues.osm;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.venues.ProviderException;
import com.wheretoeat.venues.StubServer;
import com.wheretoeat.venues.StubServer.Request;
import com.wheretoeat.venues.UserAgent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OsmVenueSearchTest {
    private static final Coordinates OFFICE = new Coordinates(52.5200, 13.4050);
    private final StubServer stub = StubServer.start(OsmStub.places());
    private OsmSettings settings = OsmSettings.builder().overpassUrl(stub.uri()).nominatimUrl(stub.uri())
            .userAgent(new UserAgent("1.2.3", "https://lunch.example/contact"))
            .overpassPerSecond(100).nominatimPerSecond(100).build();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void placesNearAPointAreTheNamedEatingPlacesAroundItFromOverpass() {
        result(new OsmVenueSearch(settings).search(VenueQuery.near(OFFICE)));

        Request request = stub.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/interpreter");
        assertThat(request.parameter("data"))
                .startsWith("[out:json][timeout:3];")
                .contains("nwr[\"amenity\"~\"^(biergarten|cafe|fast_food|food_court|pub|restaurant)$\"][\"name\"]")
                .contains("(around:1000,52.520000,13.405000);")
                .endsWith("out center 200;");
        assertThat(request.header("User-Agent")).isEqualTo("WhereToEat/1.2.3 (+https://lunch.example/contact)");
    }

    @Test
    void anOverpassPlaceBecomesAVenueWithItsDetailsInWords() {
        List<Venue> found = result(new OsmVenueSearch(settings).search(VenueQuery.near(OFFICE)));

        assertThat(found.get(0)).isEqualTo(Venue.listed(VenueId.of("osm:node-1001"), "Trattoria Roma")
                .withCategory("Italian").withAddress("Marktstraße 12, Berlin")
                .withLocation(new Coordinates(52.5203, 13.4049)).withUrl("https://trattoria-roma.example/"));
        assertThat(found).extracting(v -> v.id().value(), Venue::category).contains(
                org.assertj.core.groups.Tuple.tuple("osm:way-2001", "Ramen"),
                org.assertj.core.groups.Tuple.tuple("osm:node-1002", "Café"),
                org.assertj.core.groups.Tuple.tuple("osm:relation-3001", "Food court"));
        assertThat(found).filteredOn(v -> v.id().value().equals("osm:way-2001"))
                .extracting(Venue::location).containsExactly(new Coordinates(52.5190, 13.4011));
    }

    @Test
    void placesBeyondTheRadiusAreNotNear() {
        List<Venue> found = result(new OsmVenueSearch(settings).search(VenueQuery.near(OFFICE)));

        assertThat(found).extracting(Venue::name).doesNotContain("Far Away Diner").hasSize(6);
    }

    @Test
    void aSearchByTextAsksNominatimForPlacesWithDetailsAndKeepsOnlyPlacesToEat() {
        List<Venue> found = result(new OsmVenueSearch(settings).search(new VenueQuery(null, "Trattoria", 5)));

        Request request = stub.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/search");
        assertThat(request.parameters()).containsEntry("q", "Trattoria").containsEntry("format", "jsonv2")
                .containsEntry("limit", "10").containsEntry("addressdetails", "1").containsEntry("extratags", "1")
                .doesNotContainKeys("viewbox", "bounded");
        assertThat(found).containsExactly(Venue.listed(VenueId.of("osm:node-1001"), "Trattoria Roma")
                .withCategory("Italian").withAddress("Marktstraße 12, Berlin")
                .withLocation(new Coordinates(52.5203, 13.4049)).withUrl("https://trattoria-roma.example/"));
    }

    @Test
    void aSearchByTextNearAPointIsBoundedToABoxAroundIt() {
        result(new OsmVenueSearch(settings).search(new VenueQuery(OFFICE, "bar", 5)));

        Request request = stub.requests().get(0);
        assertThat(request.parameters()).containsEntry("bounded", "1");
        String[] box = request.parameter("viewbox").split(",");
        assertThat(Double.parseDouble(box[0])).isLessThan(13.405);
        assertThat(Double.parseDouble(box[1])).isLessThan(52.52);
        assertThat(Double.parseDouble(box[2])).isGreaterThan(13.405);
        assertThat(Double.parseDouble(box[3])).isGreaterThan(52.52);
        assertThat(new Coordinates(Double.parseDouble(box[1]), 13.405).metresTo(OFFICE)).isBetween(990.0, 1010.0);
    }

    @Test
    void aWayIsLookedUpByItsIdWithOverpass() {
        var found = result(new OsmVenueSearch(settings).lookup(VenueId.of("osm:way-2001")));

        assertThat(found).map(Venue::name).contains("Noodle Bar");
        assertThat(stub.requests().get(0).parameter("data")).contains("way(2001);out center;");
    }

    @Test
    void anIdNotOfThisFormIsNotAskedFor() {
        assertThat(result(new OsmVenueSearch(settings).lookup(VenueId.of("osm:node-12x")))).isEmpty();
        assertThat(result(new OsmVenueSearch(settings).lookup(VenueId.of("osm:area-12")))).isEmpty();
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void anOddPlaceLosesTheBadDetailOrIsSkippedButTheAnswerStands() {
        stub.answer(new OsmStub("osm/overpass-odd-places.json"));

        List<Venue> found = result(new OsmVenueSearch(settings).search(VenueQuery.near(OFFICE)));

        // No name, a name too long, a name with a bidi override, no place to eat: skipped. A javascript:
        // website and an address too long: dropped.
        assertThat(found).extracting(Venue::name).containsExactly("Script Kitchen", "Good Place");
        assertThat(found.get(0).url()).isNull();
        assertThat(found.get(1).address()).isNull();
        assertThat(found.get(1).url()).isEqualTo("https://good-place.example/");
    }

    @Test
    void anIdOfAnElementThatIsNoPlaceToEatIsNotFound() {
        stub.answer(new OsmStub("osm/overpass-odd-places.json"));

        assertThat(result(new OsmVenueSearch(settings).lookup(VenueId.of("osm:node-4006")))).isEmpty();
        assertThat(result(new OsmVenueSearch(settings).lookup(VenueId.of("osm:node-4005")))).map(Venue::name)
                .contains("Good Place");
    }

    @Test
    void nominatimIsAskedAtMostAtItsRateAndAFurtherSearchFailsAtOnce() {
        OsmVenueSearch search = new OsmVenueSearch(settings.mutate().nominatimPerSecond(1).build());
        result(search.search(VenueQuery.matching("Trattoria")));

        Throwable second = catchThrowable(() -> result(search.search(VenueQuery.matching("Noodle"))));

        assertThat(second).isInstanceOf(ProviderException.class);
        assertThat(((ProviderException) second).isRateLimited()).isTrue();
        assertThat(((ProviderException) second).status()).isZero();
        assertThat(stub.requests()).hasSize(1);
    }
}
