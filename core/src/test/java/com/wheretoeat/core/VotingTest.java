package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TACOS;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.Lunch.Person;
import com.wheretoeat.core.contract.RecordingListener;
import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.model.AreaEvent.VoteCast;
import com.wheretoeat.core.model.AreaEvent.VoteMoved;
import com.wheretoeat.core.model.AreaEvent.VoteRetracted;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Tally;
import com.wheretoeat.core.model.TallyEntry;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VotingTest {
    private final Lunch lunch = new Lunch();

    @Test
    void aVoteIsRecordedAndReachesEveryoneInTheAreaIncludingTheVoter() {
        Person ann = lunch.joined("Ann");
        lunch.joined("Bob");
        RecordingListener annsScreen = lunch.watch();
        RecordingListener bobsScreen = lunch.watch();

        Vote vote = ann.voteFor(TRATTORIA);

        assertThat(annsScreen.next(VoteCast.class).vote()).isEqualTo(vote);
        assertThat(bobsScreen.next(VoteCast.class).vote()).isEqualTo(vote);
        assertThat(lunch.snapshot().tally().votesFor(TRATTORIA.id())).isEqualTo(1);
    }

    @Test
    void aMemberOfAnotherAreaReceivesNothing() {
        RecordingListener upstairs = lunch.watch(AreaName.of("office-4f"));

        lunch.joined("Ann").voteFor(TRATTORIA);

        upstairs.assertNothingWithin(Lunch.QUIET);
    }

    @Test
    void aSecondVoteMovesTheFirst() {
        Person ann = lunch.joined("Ann");
        ann.voteFor(TRATTORIA);
        RecordingListener watcher = lunch.watch();

        ann.voteFor(NOODLES);

        VoteMoved moved = watcher.next(VoteMoved.class);
        assertThat(moved.from()).isEqualTo(TRATTORIA.id());
        assertThat(moved.vote().venue()).isEqualTo(NOODLES);
        watcher.assertNothingWithin(Lunch.QUIET);
        Tally tally = lunch.snapshot().tally();
        assertThat(tally.ranking()).extracting(TallyEntry::venue).containsExactly(NOODLES);
    }

    @Test
    void onlyAMemberMayVote() {
        Person stranger = lunch.person("Stranger");

        assertThatThrownBy(() -> stranger.voteFor(TRATTORIA))
                .isInstanceOf(NotJoinedException.class)
                .hasMessage("Please join the area with a name first.");
        assertThat(lunch.snapshot().votes()).isEmpty();
    }

    @Test
    void aMemberMayTakeTheirVoteBack() {
        Person ann = lunch.joined("Ann");
        Vote vote = ann.voteFor(TRATTORIA);
        RecordingListener watcher = lunch.watch();

        assertThat(ann.retract()).contains(vote);

        assertThat(watcher.next(VoteRetracted.class).venue()).isEqualTo(TRATTORIA.id());
        assertThat(lunch.snapshot().tally().ranking()).isEmpty();
    }

    @Test
    void leavingKeepsTheVoteUntilItExpiresUnlessTakenBackFirst() {
        Person ann = lunch.joined("Ann");
        Person bob = lunch.joined("Bob");
        ann.voteFor(TRATTORIA);
        bob.voteFor(NOODLES);
        bob.retract();

        ann.leave();
        bob.leave();

        assertThat(lunch.snapshot().votes()).extracting(Vote::voter).containsExactly(Username.of("Ann"));
        lunch.laterBy(Duration.ofHours(2));
        assertThat(lunch.snapshot().votes()).isEmpty();
    }

    @Test
    void theRankingPutsTheMostVotesFirstAndBreaksTiesByWhoGotThereFirst() {
        lunch.joined("Ann").voteFor(TACOS);
        lunch.joined("Bob").voteFor(NOODLES);
        lunch.joined("Carol").voteFor(NOODLES);
        lunch.joined("Dave").voteFor(TRATTORIA);
        lunch.joined("Erin").voteFor(TACOS);

        assertThat(lunch.snapshot().tally().ranking()).extracting(e -> e.venue().name(), TallyEntry::votes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Noodle Bar", 2),
                        org.assertj.core.groups.Tuple.tuple("Taco Stand", 2),
                        org.assertj.core.groups.Tuple.tuple("Trattoria Roma", 1));
    }

    @Test
    void aPlaceTypedInByNameCountsAsOneWhateverTheSpelling() {
        lunch.joined("Ann").voteFor(Venue.custom("Mama's Dumplings"));
        lunch.joined("Bob").voteFor(Venue.custom("  mama's dumplings "));

        TallyEntry leader = lunch.snapshot().tally().leader().orElseThrow();

        assertThat(leader.votes()).isEqualTo(2);
        assertThat(leader.venue().name()).as("the first spelling names it").isEqualTo("Mama's Dumplings");
    }

    @Test
    void aListenerThatFailsDoesNotSpoilTheVoteOrOtherListeners() {
        result(lunch.app.subscribe(lunch.office, event -> {
            throw new IllegalStateException("a broken screen");
        }));
        RecordingListener healthy = lunch.watch();
        Person ann = lunch.joined("Ann");

        Vote vote = ann.voteFor(TRATTORIA);

        assertThat(vote.venue()).isEqualTo(TRATTORIA);
        assertThat(healthy.next(2)).hasSize(2);
    }
}
