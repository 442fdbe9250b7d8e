package com.wheretoeat.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {
    private static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");
    private static final Venue PIZZA = Venue.custom("Pizza");
    private static final Venue SUSHI = Venue.custom("Sushi");
    private static final Venue SOUP = Venue.custom("Soup");

    private static Vote vote(String voter, Venue venue, long seq) {
        return new Vote(Username.of(voter), venue, seq, NOON, NOON.plusSeconds(7200));
    }

    @Test
    void noVotesMakeAnEmptyRankingWithNoLeader() {
        Tally tally = Tally.of(List.of());

        assertThat(tally.ranking()).isEmpty();
        assertThat(tally.leader()).isEmpty();
        assertThat(tally.votesFor(PIZZA.id())).isZero();
    }

    @Test
    void moreVotesRankHigher() {
        Tally tally = Tally.of(List.of(vote("Ann", SOUP, 1), vote("Bob", PIZZA, 2), vote("Cy", PIZZA, 3)));

        assertThat(tally.ranking()).extracting(TallyEntry::venue).containsExactly(PIZZA, SOUP);
        assertThat(tally.leader()).map(TallyEntry::voters).contains(List.of(Username.of("Bob"), Username.of("Cy")));
    }

    @Test
    void aTieGoesToTheVenueThatReachedItsCountFirst() {
        Tally tally = Tally.of(List.of(
                vote("Ann", SUSHI, 1), vote("Bob", PIZZA, 2), vote("Cy", PIZZA, 3), vote("Di", SUSHI, 4)));

        assertThat(tally.ranking()).extracting(TallyEntry::venue).containsExactly(PIZZA, SUSHI);
    }

    @Test
    void theOrderVotesArriveInDoesNotChangeTheRanking() {
        List<Vote> votes = List.of(vote("Ann", SUSHI, 1), vote("Bob", PIZZA, 2), vote("Cy", PIZZA, 3), vote("Di", SUSHI, 4));

        List<Vote> reversed = new ArrayList<>(votes);
        Collections.reverse(reversed);

        assertThat(Tally.of(reversed)).isEqualTo(Tally.of(votes));
    }

    @Test
    void theFirstVotersSpellingNamesTheVenue() {
        Venue shouted = Venue.custom("PIZZA!");

        Tally tally = Tally.of(List.of(vote("Bob", shouted, 5), vote("Ann", PIZZA, 2)));

        assertThat(tally.leader()).map(TallyEntry::venue).contains(PIZZA);
        assertThat(tally.votesFor(PIZZA.id())).isEqualTo(2);
    }
}
