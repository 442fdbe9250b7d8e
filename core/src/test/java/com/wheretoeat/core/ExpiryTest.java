package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.Lunch.Person;
import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Vote;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExpiryTest {
    private final Lunch lunch = new Lunch();

    @Test
    void aVoteLastsTwoHoursFromWhenItWasCast() {
        lunch.joined("Ann").voteFor(TRATTORIA);

        lunch.laterBy(Duration.ofHours(2).minusSeconds(1));
        assertThat(lunch.snapshot().votes()).hasSize(1);
        lunch.laterBy(Duration.ofSeconds(1));
        assertThat(lunch.snapshot().votes()).isEmpty();
    }

    @Test
    void movingAVoteStartsItsTwoHoursAgain() {
        Person ann = lunch.joined("Ann");
        ann.voteFor(TRATTORIA);
        lunch.laterBy(Duration.ofMinutes(90));

        ann.voteFor(NOODLES);
        lunch.laterBy(Duration.ofMinutes(90));

        assertThat(lunch.snapshot().votes()).extracting(Vote::venue).containsExactly(NOODLES);
    }

    @Test
    void aMemberLastsFourHoursAfterTheirLastActivity() {
        Person ann = lunch.joined("Ann");
        lunch.laterBy(Duration.ofHours(3));
        ann.voteFor(TRATTORIA);

        lunch.laterBy(Duration.ofHours(4).minusSeconds(1));
        assertThat(lunch.snapshot().members()).extracting(Member::name).containsExactly(Username.of("Ann"));
        lunch.laterBy(Duration.ofSeconds(1));
        assertThat(lunch.snapshot().members()).isEmpty();
        assertThatThrownBy(() -> ann.voteFor(NOODLES)).isInstanceOf(NotJoinedException.class);
    }

    @Test
    void anExpiredVoteLeavesTheTallyWhileTheRestOfTheAreaStays() {
        lunch.joined("Ann").voteFor(TRATTORIA);
        lunch.laterBy(Duration.ofHours(1));
        lunch.joined("Bob").voteFor(NOODLES);

        lunch.laterBy(Duration.ofHours(1));
        AreaSnapshot snapshot = lunch.snapshot();

        assertThat(snapshot.tally().ranking()).extracting(e -> e.venue()).containsExactly(NOODLES);
        assertThat(snapshot.members()).hasSize(2);
    }

    @Test
    void lifetimesAreConfigurable() {
        Lunch quick = new Lunch(new Lifetimes(Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofHours(1)));
        quick.joined("Ann").voteFor(TRATTORIA);

        quick.laterBy(Duration.ofMinutes(10));
        assertThat(quick.snapshot().votes()).isEmpty();
        assertThat(quick.snapshot().members()).hasSize(1);
        quick.laterBy(Duration.ofMinutes(10));
        assertThat(quick.snapshot().members()).isEmpty();
    }

    @Test
    void lifetimesMustBePositive() {
        assertThatThrownBy(() -> new Lifetimes(Duration.ZERO, Duration.ofHours(4), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vote lifetime");
        assertThatThrownBy(() -> new Lifetimes(Duration.ofHours(2), Duration.ofHours(-4), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member lifetime");
    }
}
