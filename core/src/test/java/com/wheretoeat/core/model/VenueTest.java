package com.wheretoeat.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VenueTest {

    @Test
    void aPlaceTypedInGetsAnIdFromItsName() {
        Venue venue = Venue.custom("  Mama's Dumplings! ");

        assertThat(venue.name()).isEqualTo("Mama's Dumplings!");
        assertThat(venue.id()).isEqualTo(VenueId.of("custom:mama-s-dumplings"));
        assertThat(venue.id().isCustom()).isTrue();
    }

    @Test
    void namesThatDifferOnlyInCaseOrPunctuationShareAnId() {
        assertThat(VenueId.custom("Noodle Bar")).isEqualTo(VenueId.custom("noodle-bar!!"));
        assertThat(VenueId.custom("ＮＯＯＤＬＥ bar")).isEqualTo(VenueId.custom("Noodle Bar"));
        assertThat(VenueId.custom("李家餐馆").value()).isEqualTo("custom:李家餐馆");
        assertThat(VenueId.custom("Noodle Bar")).isNotEqualTo(VenueId.custom("Noodle Bars"));
    }

    @Test
    void aNameOfSymbolsOnlyStillGetsAStableIdOfItsOwn() {
        assertThat(VenueId.custom("!!!")).isEqualTo(VenueId.custom("!!!")).isNotEqualTo(VenueId.custom("???"));
    }

    @Test
    void aVeryLongNameGivesABoundedId() {
        assertThat(VenueId.custom("x".repeat(100)).value()).hasSizeLessThanOrEqualTo(VenueId.MAX_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nocolon", ":x", "x:", "a b:c", "osm:node 1", "osm:<script>", "x:\u0000"})
    void aVenueIdMustLookLikeSourceColonKey(String id) {
        assertThatThrownBy(() -> VenueId.of(id)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aVenueIdIsBounded() {
        assertThatThrownBy(() -> VenueId.of("osm:" + "1".repeat(VenueId.MAX_LENGTH)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 128");
    }

    @Test
    void detailsAreOptionalAndBounded() {
        Venue plain = Venue.listed(VenueId.of("osm:node/42"), "Corner Café");

        assertThat(plain.address()).isNull();
        assertThat(plain.withAddress("  ").address()).as("blank means unknown").isNull();
        assertThatThrownBy(() -> plain.withAddress("a".repeat(201))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> plain.withCategory("c".repeat(51))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Venue.listed(plain.id(), "n".repeat(101))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Venue.listed(null, "Nameless id")).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://example.org", "data:text/html,<b>", "//example.org", "http://", "not a url"})
    void onlyWebAddressesAreAcceptedAsTheUrl(String url) {
        Venue plain = Venue.custom("Somewhere");

        assertThatThrownBy(() -> plain.withUrl(url))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("venue.url"));
    }

    @Test
    void httpAndHttpsAddressesAreKept() {
        assertThat(Venue.custom("Somewhere").withUrl("HTTPS://example.org/menu?day=fri").url())
                .isEqualTo("HTTPS://example.org/menu?day=fri");
        assertThatThrownBy(() -> Venue.custom("Somewhere").withUrl("https://example.org/" + "a".repeat(500)))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-90.0001, 90.0001, Double.NaN, Double.POSITIVE_INFINITY})
    void latitudesOutsideTheEarthAreRejected(double latitude) {
        assertThatThrownBy(() -> new Coordinates(latitude, 0))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("lat"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-180.0001, 180.0001, Double.NaN, Double.NEGATIVE_INFINITY})
    void longitudesOutsideTheEarthAreRejected(double longitude) {
        assertThatThrownBy(() -> new Coordinates(0, longitude))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("lon"));
    }

    @Test
    void distancesAreGreatCircleMetres() {
        Coordinates paris = new Coordinates(48.8566, 2.3522);
        Coordinates london = new Coordinates(51.5074, -0.1278);

        assertThat(paris.metresTo(london)).isBetween(343_000.0, 344_500.0);
        assertThat(paris.metresTo(paris)).isZero();
    }

    @Test
    void aSearchIsBoundedToo() {
        assertThatThrownBy(() -> new VenueQuery(null, "q", 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new VenueQuery(null, "q", VenueQuery.MAX_LIMIT + 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> VenueQuery.matching("q".repeat(101))).isInstanceOf(InvalidInputException.class);
        assertThat(VenueQuery.matching("  ").text()).isNull();
    }
}
