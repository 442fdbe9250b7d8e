package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.Lunch.Person;
import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.core.memory.InMemoryVenueCatalog;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.TallyEntry;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.model.VenueResults;
import com.wheretoeat.core.model.Vote;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which places an area offers, and which place a vote is for: the server's word, not the client's. */
class PlacesTest {
    private static final Coordinates MARKET_SQUARE = new Coordinates(52.52, 13.405);

    private final Lunch lunch = new Lunch();

    private VenueResults search(AreaName area, VenueQuery query) {
        return result(lunch.app.searchVenues(area, query));
    }

    @Test
    void aListedPlaceIsShownAsTheProviderDescribedItWhateverTheVoterSent() {
        Person ann = lunch.joined("Ann");
        Venue spoofed = Venue.listed(TRATTORIA.id(), "CLOSED - order at evil.example").withUrl("https://evil.example/");

        ann.voteFor(spoofed);

        TallyEntry leader = lunch.snapshot().tally().leader().orElseThrow();
        assertThat(leader.venue()).isEqualTo(TRATTORIA);
    }

    @Test
    void anIdNobodyListedIsRefused() {
        Person ann = lunch.joined("Ann");

        assertThatThrownBy(() -> ann.voteFor(Venue.listed(VenueId.of("osm:node-999"), "Invented Inn")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Search again");
        assertThat(lunch.snapshot().votes()).isEmpty();
    }

    @Test
    void aPlaceTypedInOneAreaIsNeverOfferedInAnother() {
        lunch.joined("Ann").voteFor(Venue.custom("<script>alert(1)</script> Dumplings"));
        AreaName elsewhere = AreaName.of("elsewhere");

        assertThat(search(lunch.office, VenueQuery.matching("dumplings")).venues()).extracting(Venue::name)
                .containsExactly("<script>alert(1)</script> Dumplings");
        assertThat(search(elsewhere, VenueQuery.matching("dumplings")).venues()).isEmpty();
        assertThat(search(elsewhere, new VenueQuery(MARKET_SQUARE, null, 50)).venues())
                .noneMatch(venue -> venue.id().isCustom());
    }

    @Test
    void aTypedPlaceIsSharedByEveryNodeOfTheArea() {
        lunch.joined("Ann").voteFor(Venue.custom("Mama's Dumplings"));

        assertThat(result(lunch.anotherNode().searchVenues(lunch.office, VenueQuery.matching("mama"))).venues())
                .extracting(Venue::name).containsExactly("Mama's Dumplings");
    }

    @Test
    void typingTheNameOfAListedPlaceVotesForThatPlace() {
        search(lunch.office, VenueQuery.matching("sushi"));
        Venue listed = search(lunch.office, VenueQuery.matching("sushi")).venues().get(0);
        lunch.joined("Ann").voteFor(listed);

        lunch.joined("Bob").voteFor(Venue.custom("  SÚSHI   go "));

        assertThat(lunch.snapshot().tally().ranking()).singleElement().satisfies(line -> {
            assertThat(line.venue()).isEqualTo(listed);
            assertThat(line.votes()).isEqualTo(2);
        });
    }

    @Test
    void aTypedPlaceIsAPlaceOfItsOwnWhenNothingListedHasItsName() {
        search(lunch.office, VenueQuery.matching("sushi"));

        lunch.joined("Ann").voteFor(Venue.custom("Sushi Gone").withUrl("https://evil.example/").withAddress("x"));

        Venue voted = lunch.snapshot().tally().leader().orElseThrow().venue();
        assertThat(voted).isEqualTo(Venue.custom("Sushi Gone"));
    }

    @Test
    void theFirstPointSearchedIsTheAreasCentreForEveryone() {
        Coordinates harbour = new Coordinates(52.5168, 13.3990);
        assertThat(search(lunch.office, VenueQuery.matching("curry")).centre()).isEmpty();

        search(lunch.office, VenueQuery.near(harbour));
        VenueResults later = search(lunch.office, VenueQuery.near(MARKET_SQUARE));
        VenueResults withoutAPoint = search(lunch.office, new VenueQuery(null, null, 1));

        assertThat(later.centre()).contains(harbour);
        assertThat(later.venues().get(0).name()).as("a point given is searched around").isEqualTo("Trattoria Roma");
        assertThat(withoutAPoint.venues()).extracting(Venue::name).as("else the centre is").containsExactly("Sushi Go");
    }

    @Test
    void whenTheProviderFailsTheFallbackAnswersAndSaysSoAndVotingGoesOn() {
        InMemoryVenueCatalog provider = InMemoryVenueCatalog.withExamples();
        InMemoryVenueCatalog fallback = new InMemoryVenueCatalog(List.of(
                Venue.listed(VenueId.of("local:canteen"), "The Canteen")));
        WhereToEat app = WhereToEat.builder().venueSearch(provider).venueFallback(fallback).build();
        AreaName area = AreaName.of("outage");
        var session = result(app.startSession());
        result(app.join(session, area, com.wheretoeat.core.model.Username.of("Ann")));
        Venue trattoria = result(app.searchVenues(area, VenueQuery.matching("trattoria"))).venues().get(0);

        provider.simulate(Fault.DOWN);
        VenueResults results = result(app.searchVenues(area, VenueQuery.matching("canteen")));

        assertThat(results.liveUnavailable()).isTrue();
        assertThat(results.venues()).extracting(Venue::name).containsExactly("The Canteen");
        assertThat(result(app.vote(session, area, trattoria)).venue()).as("a place listed before").isEqualTo(trattoria);
        assertThat(result(app.vote(session, area, results.venues().get(0))).venue().name()).isEqualTo("The Canteen");
        assertThat(result(app.vote(session, area, Venue.custom("Pho Corner"))).venue().name()).isEqualTo("Pho Corner");
    }

    @Test
    void aProviderThatNeverAnswersStillLetsTheSearchAnswer() {
        InMemoryVenueCatalog provider = InMemoryVenueCatalog.withExamples();
        provider.simulate(Fault.HUNG);
        WhereToEat app = WhereToEat.builder().venueSearch(provider)
                .venueFallback(InMemoryVenueCatalog.withExamples()).venueTimeout(java.time.Duration.ofMillis(50)).build();

        VenueResults results = result(app.searchVenues(AreaName.of("hung"), VenueQuery.matching("curry")));

        assertThat(results.liveUnavailable()).isTrue();
        assertThat(results.venues()).extracting(Venue::name).containsExactly("Curry House");
    }

    @Test
    void theAreasTypedPlacesComeFirstAndTheLimitHolds() {
        lunch.joined("Ann").voteFor(Venue.custom("Curry Corner"));

        VenueResults results = search(lunch.office, new VenueQuery(null, "curry", 2));

        assertThat(results.venues()).extracting(Venue::name).containsExactly("Curry Corner", "Curry House");
        assertThat(search(lunch.office, new VenueQuery(null, "curry", 1)).venues()).extracting(Venue::name)
                .containsExactly("Curry Corner");
    }

    @Test
    void aPlaceWhoseListingLapsedIsLookedUpAgainWhenSomeoneVotesForIt() {
        Venue listed = search(lunch.office, VenueQuery.matching("green")).venues().get(0);
        lunch.laterBy(Duration.ofHours(3));

        Vote vote = lunch.joined("Ann").voteFor(Venue.listed(listed.id(), "whatever the page still shows"));

        assertThat(vote.venue()).isEqualTo(listed);
    }

    @Test
    void aTypedPlaceIsOfferedAsLongAsItsVoteCountsAndNoLonger() {
        lunch.joined("Ann").voteFor(Venue.custom("Pho Corner"));

        lunch.laterBy(Duration.ofMinutes(119));
        assertThat(search(lunch.office, VenueQuery.matching("pho")).venues()).extracting(Venue::name)
                .containsExactly("Pho Corner");
        lunch.laterBy(Duration.ofMinutes(1));
        assertThat(search(lunch.office, VenueQuery.matching("pho")).venues()).isEmpty();
    }

    @Test
    void aTypedPlaceCanBeVotedForByTheIdTheSearchGaveIt() {
        lunch.joined("Ann").voteFor(Venue.custom("Pho Corner"));
        Venue offered = search(lunch.office, VenueQuery.matching("pho")).venues().get(0);

        Vote vote = result(lunch.app.vote(lunch.joined("Bob").session, lunch.office, offered.id()));

        assertThat(vote.venue()).isEqualTo(Venue.custom("Pho Corner"));
        assertThatThrownBy(() -> result(lunch.app.vote(lunch.joined("Kim").session, lunch.office,
                VenueId.of("custom:never-typed-here")))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void typingAListedNameAfterItsListingLapsedStillJoinsTheListedLine() {
        Venue sushi = search(lunch.office, VenueQuery.matching("sushi")).venues().get(0);
        lunch.laterBy(Duration.ofHours(1));
        result(lunch.app.vote(lunch.joined("Ann").session, lunch.office, sushi.id()));
        lunch.laterBy(Duration.ofMinutes(70));

        lunch.joined("Bob").voteFor(Venue.custom("Sushi Go!"));

        assertThat(lunch.snapshot().tally().ranking()).singleElement()
                .satisfies(line -> assertThat(line.votes()).isEqualTo(2));
    }

    @Test
    void typedPlacesCannotCrowdTheListedOnesOutOfASearch() {
        Person troll = lunch.joined("Troll");
        for (int i = 1; i <= VenueQuery.DEFAULT_LIMIT; i++) {
            troll.voteFor(Venue.custom("Spam " + i));
        }

        List<Venue> found = search(lunch.office, VenueQuery.near(MARKET_SQUARE)).venues();

        assertThat(found).hasSize(VenueQuery.DEFAULT_LIMIT / 2 + InMemoryVenueCatalog.EXAMPLES.size());
        assertThat(found.stream().filter(venue -> !venue.id().isCustom())).hasSize(InMemoryVenueCatalog.EXAMPLES.size());
    }

    @Test
    void whenTheProviderCannotLookAPlaceUpTheFallbackDoesAndElseTheVoteIsUnavailable() {
        InMemoryVenueCatalog provider = InMemoryVenueCatalog.withExamples();
        InMemoryVenueCatalog fallback = InMemoryVenueCatalog.withExamples();
        WhereToEat app = WhereToEat.builder().venueSearch(provider).venueFallback(fallback).build();
        AreaName area = AreaName.of("outage");
        var session = result(app.startSession());
        result(app.join(session, area, com.wheretoeat.core.model.Username.of("Ann")));
        provider.simulate(Fault.DOWN);

        assertThat(result(app.vote(session, area, TRATTORIA.id())).venue()).isEqualTo(TRATTORIA);

        fallback.simulate(Fault.DOWN);
        assertThatThrownBy(() -> result(app.vote(session, area, VenueId.of("example:green-bowl"))))
                .isInstanceOf(com.wheretoeat.core.error.UnavailableException.class);
    }

    @Test
    void namesThatDifferInCaseAccentsPunctuationOrSpacesAreOnePlace() {
        assertThat(Venue.custom("  Café  Roma! ").id()).isEqualTo(Venue.custom("cafe roma").id());
        assertThat(Venue.nameKey("Ĉafé – Roma")).isEqualTo(Venue.nameKey("cafe roma"));
        assertThat(Venue.nameKey("नमस्ते")).as("marks of other scripts make other words").isNotEqualTo(Venue.nameKey("नमसत"));
        assertThat(Venue.custom("🍕").id().value()).startsWith("custom:");
    }
}
