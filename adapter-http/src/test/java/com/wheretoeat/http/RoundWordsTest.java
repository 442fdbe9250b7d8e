package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Tally;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How decisions and deadlines read on the page without script. */
class RoundWordsTest {
    private static final Instant NOON = Instant.parse("2026-11-20T12:02:00Z");

    private static Tally tally(String... voterAndPlace) {
        List<Vote> votes = new ArrayList<>();
        for (int i = 0; i < voterAndPlace.length; i += 2) {
            votes.add(new Vote(Username.of(voterAndPlace[i]), Venue.custom(voterAndPlace[i + 1]), i + 1, NOON,
                    NOON.plus(Duration.ofHours(2))));
        }
        return Tally.of(votes);
    }

    @Test
    void aDecisionOfAnEarlierDayIsLabelledWithItsDay() {
        Decision yesterday = Decision.of(3, Instant.parse("2026-11-19T12:02:00Z"), Username.of("Ann"),
                tally("Ann", "Pho Corner", "Bob", "Pho Corner", "Kim", "Pho Corner", "Lee", "Pho Corner",
                        "Dee", "Taco Stand", "Sam", "Curry House"));

        assertThat(RoundWords.decision(yesterday, NOON)).containsEntry("label", "Thu 19 Nov")
                .containsEntry("headline", "Pho Corner").containsEntry("detail", "4 of 6 votes, decided by Ann at 12:02 UTC");
    }

    @Test
    void aTieOfThreeNamesThemAll() {
        Decision tie = Decision.of(1, NOON, null, tally("Ann", "A", "Bob", "B", "Kim", "C", "Lee", "A", "Dee", "B", "Sam", "C"));

        assertThat(RoundWords.decision(tie, NOON)).containsEntry("headline", "A tie between A, B and C")
                .containsEntry("detail", "2 votes each of 6, decided at the deadline, 12:02 UTC");
    }

    @Test
    void whatIsLeftBeforeADeadlineIsRoundedUpToTheMinute() {
        assertThat(RoundWords.in(Duration.ofSeconds(1))).isEqualTo("in 1 min");
        assertThat(RoundWords.in(Duration.ofMinutes(59).plusSeconds(30))).isEqualTo("in 1 h");
        assertThat(RoundWords.in(Duration.ofMinutes(60))).isEqualTo("in 1 h");
        assertThat(RoundWords.in(Duration.ofMinutes(125))).isEqualTo("in 2 h 5 min");
        assertThat(RoundWords.in(Duration.ZERO)).isEqualTo("due now");
        assertThat(RoundWords.in(Duration.ofSeconds(-90))).isEqualTo("due now");
    }
}
