package com.wheretoeat.core.contract;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TACOS;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.NoTieException;
import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.error.NothingToDecideException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaEvent.DeadlineSet;
import com.wheretoeat.core.model.AreaEvent.RoundDecided;
import com.wheretoeat.core.model.AreaEvent.TieBroken;
import com.wheretoeat.core.model.AreaEvent.VoteCast;
import com.wheretoeat.core.model.AreaEvent.VoteExpired;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.TallyEntry;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.core.port.AreaStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The specification of rounds in an {@link AreaStore}: deciding, deadlines that decide by
 * themselves exactly once, ties and their draw, and the history. Every adapter of the port
 * extends this class. Time is the {@code now} each call is given, so no test waits.
 */
public abstract class RoundsContract extends AreaContract {
    protected static final Lifetimes LIFETIMES = Lifetimes.DEFAULT;
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private AreaStore store;
    private SessionId ann;
    private SessionId bob;

    @BeforeEach
    void annAndBobJoin() {
        store = ports.store();
        ann = session();
        bob = session();
        result(store.join(area, ann, name("Ann"), start, LIFETIMES));
        result(store.join(area, bob, name("Bob"), start, LIFETIMES));
    }

    private Instant at(Duration sinceStart) {
        return start.plus(sinceStart);
    }

    private Vote vote(SessionId who, Venue venue, Instant when) {
        return result(store.vote(area, who, venue, when, LIFETIMES));
    }

    private AreaSnapshot snapshot(Instant when) {
        return result(store.snapshot(area, when));
    }

    @Test
    void decidingClosesTheRoundAnnouncesAndKeepsTheDecisionAndStartsAnEmptyRound() {
        SessionId carol = session();
        result(store.join(area, carol, name("Carol"), start, LIFETIMES));
        vote(ann, NOODLES, start);
        vote(bob, NOODLES, start);
        vote(carol, TACOS, start);
        RecordingListener listener = listen(area);
        long before = snapshot(start).seq();

        Decision decision = result(store.decide(area, ann, at(Duration.ofMinutes(1)), LIFETIMES));

        assertThat(decision.round()).isEqualTo(1);
        assertThat(decision.decidedBy()).isEqualTo(name("Ann"));
        assertThat(decision.decidedAt()).isEqualTo(at(Duration.ofMinutes(1)));
        assertThat(decision.winners()).extracting(Venue::id).containsExactly(NOODLES.id());
        assertThat(decision.tie()).isFalse();
        assertThat(decision.place()).map(Venue::id).contains(NOODLES.id());
        assertThat(decision.tally().ranking()).extracting(TallyEntry::votes).containsExactly(2, 1);
        assertThat(decision.tally().ranking().get(0).voters()).containsExactly(name("Ann"), name("Bob"));
        RoundDecided event = listener.next(RoundDecided.class);
        assertThat(event.seq()).isEqualTo(before + 1);
        assertThat(event.decision()).isEqualTo(decision);
        AreaSnapshot after = snapshot(at(Duration.ofMinutes(1)));
        assertThat(after.votes()).isEmpty();
        assertThat(after.tally().ranking()).isEmpty();
        assertThat(after.round()).isEqualTo(new Round(2, null, null, decision));
        assertThat(after.memberCount()).isEqualTo(3);
        assertThat(result(store.history(area, at(Duration.ofMinutes(1))))).containsExactly(decision);
    }

    @Test
    void anEmptyRoundIsNotDecidedAndNeitherIsOneByANonMember() {
        long before = snapshot(start).seq();

        assertThatThrownBy(() -> result(store.decide(area, ann, start, LIFETIMES)))
                .isInstanceOf(NothingToDecideException.class);
        vote(ann, NOODLES, start);
        assertThatThrownBy(() -> result(store.decide(area, session(), start, LIFETIMES)))
                .isInstanceOf(NotJoinedException.class);

        assertThat(snapshot(start).seq()).as("only the vote").isEqualTo(before + 1);
        assertThat(snapshot(start).round().number()).isEqualTo(1);
        assertThat(result(store.history(area, start))).isEmpty();
    }

    @Test
    void aTieIsAnnouncedAsATieAndADrawBreaksItOnce() {
        vote(ann, NOODLES, start);
        vote(bob, TACOS, start);
        Decision tie = result(store.decide(area, bob, start, LIFETIMES));
        RecordingListener listener = listen(area);

        Decision drawn = result(store.breakTie(area, ann, 1, start, LIFETIMES));

        assertThat(tie.tie()).isTrue();
        assertThat(tie.winners()).extracting(Venue::id).containsExactly(NOODLES.id(), TACOS.id());
        assertThat(tie.place()).isEmpty();
        assertThat(drawn.drawn().id()).isEqualTo(TACOS.id());
        assertThat(drawn.drawnBy()).isEqualTo(name("Ann"));
        assertThat(drawn.place()).map(Venue::id).contains(TACOS.id());
        assertThat(listener.next(TieBroken.class).decision()).isEqualTo(drawn);
        assertThat(snapshot(start).round().latest()).isEqualTo(drawn);
        assertThat(result(store.history(area, start))).containsExactly(drawn);
        assertThatThrownBy(() -> result(store.breakTie(area, bob, 0, start, LIFETIMES)))
                .isInstanceOf(NoTieException.class).hasMessageContaining("already");
    }

    @Test
    void onlyATieCanBeBroken() {
        assertThatThrownBy(() -> result(store.breakTie(area, ann, 0, start, LIFETIMES)))
                .isInstanceOf(NoTieException.class);
        vote(ann, NOODLES, start);
        result(store.decide(area, ann, start, LIFETIMES));

        assertThatThrownBy(() -> result(store.breakTie(area, ann, 0, start, LIFETIMES)))
                .isInstanceOf(NoTieException.class).hasMessageContaining("one winner");
    }

    @Test
    void theDeadlineIsAnnouncedAndDecidesTheRoundByItselfExactlyOnce() {
        vote(ann, NOODLES, start);
        RecordingListener listener = listen(area);
        Instant deadline = at(TEN_MINUTES);

        Round round = result(store.setDeadline(area, bob, deadline, start, LIFETIMES));
        assertThat(result(store.expire(area, start))).as("the deadline is the next thing due").contains(deadline);
        result(store.expire(area, at(TEN_MINUTES.plusSeconds(5))));
        result(store.expire(area, at(TEN_MINUTES.plusSeconds(6))));

        assertThat(round).isEqualTo(new Round(1, deadline, name("Bob"), null));
        DeadlineSet set = listener.next(DeadlineSet.class);
        assertThat(set.deadline()).isEqualTo(deadline);
        assertThat(set.by()).isEqualTo(name("Bob"));
        Decision decision = listener.next(RoundDecided.class).decision();
        assertThat(decision.decidedBy()).as("the deadline decided").isNull();
        assertThat(decision.decidedAt()).isEqualTo(deadline);
        assertThat(decision.winners()).extracting(Venue::id).containsExactly(NOODLES.id());
        listener.assertNothingWithin(quietPeriod());
        assertThat(snapshot(at(TEN_MINUTES.plusSeconds(6))).round()).isEqualTo(new Round(2, null, null, decision));
        assertThat(result(store.history(area, at(TEN_MINUTES.plusSeconds(6))))).containsExactly(decision);
    }

    @Test
    void aChangeAfterTheDeadlineDecidesTheRoundFirstAndBelongsToTheNextOne() {
        vote(ann, NOODLES, start);
        result(store.setDeadline(area, ann, at(TEN_MINUTES), start, LIFETIMES));
        RecordingListener listener = listen(area);

        vote(bob, TACOS, at(Duration.ofMinutes(11)));

        assertThat(listener.next(RoundDecided.class).decision().winners()).extracting(Venue::id).containsExactly(NOODLES.id());
        assertThat(listener.next(VoteCast.class).vote().voter()).isEqualTo(name("Bob"));
        AreaSnapshot after = snapshot(at(Duration.ofMinutes(11)));
        assertThat(after.round().number()).isEqualTo(2);
        assertThat(after.votes()).extracting(Vote::voter).containsExactly(name("Bob"));
    }

    @Test
    void decidingAfterTheDeadlinePassedAnswersTheDeadlinesDecision() {
        vote(ann, NOODLES, start);
        result(store.setDeadline(area, ann, at(TEN_MINUTES), start, LIFETIMES));

        Decision late = result(store.decide(area, bob, at(Duration.ofMinutes(12)), LIFETIMES));

        assertThat(late.decidedBy()).isNull();
        assertThat(late.decidedAt()).isEqualTo(at(TEN_MINUTES));
        assertThat(result(store.history(area, at(Duration.ofMinutes(12))))).containsExactly(late);
    }

    @Test
    void theVotesLiveAtTheDeadlineCountAndOnesThatExpiredBeforeItDoNot() {
        vote(ann, NOODLES, start); // expires after two hours
        Instant deadline = at(Duration.ofHours(3));
        vote(bob, TACOS, at(Duration.ofMinutes(90)));
        result(store.setDeadline(area, bob, deadline, at(Duration.ofMinutes(90)), LIFETIMES));
        RecordingListener listener = listen(area);

        result(store.expire(area, at(Duration.ofMinutes(200))));

        assertThat(listener.next(VoteExpired.class).voter()).isEqualTo(name("Ann"));
        Decision decision = listener.next(RoundDecided.class).decision();
        assertThat(decision.winners()).extracting(Venue::id).containsExactly(TACOS.id());
        assertThat(decision.tally().ranking()).hasSize(1);
    }

    @Test
    void aDeadlineThatPassesWithNobodyVotingLapses() {
        result(store.setDeadline(area, ann, at(TEN_MINUTES), start, LIFETIMES));
        RecordingListener listener = listen(area);

        result(store.expire(area, at(Duration.ofMinutes(11))));

        DeadlineSet lapsed = listener.next(DeadlineSet.class);
        assertThat(lapsed.deadline()).isNull();
        assertThat(lapsed.by()).as("nobody cleared it").isNull();
        assertThat(snapshot(at(Duration.ofMinutes(11))).round()).isEqualTo(Round.first());
        assertThat(result(store.history(area, at(Duration.ofMinutes(11))))).isEmpty();
    }

    @Test
    void aDeadlineMayBeMovedAndClearedByAnyMember() {
        RecordingListener listener = listen(area);

        result(store.setDeadline(area, ann, at(TEN_MINUTES), start, LIFETIMES));
        result(store.setDeadline(area, bob, at(Duration.ofMinutes(20)), start, LIFETIMES));
        Round cleared = result(store.setDeadline(area, ann, null, start, LIFETIMES));
        result(store.setDeadline(area, ann, null, start, LIFETIMES)); // clearing none changes nothing

        assertThat(listener.next(3)).extracting(e -> ((DeadlineSet) e).deadline())
                .containsExactly(at(TEN_MINUTES), at(Duration.ofMinutes(20)), null);
        listener.assertNothingWithin(quietPeriod());
        assertThat(cleared).isEqualTo(Round.first());
        assertThat(result(store.expire(area, start))).as("no deadline: the next expiry").contains(at(Duration.ofHours(4)));
        assertThatThrownBy(() -> result(store.setDeadline(area, session(), at(TEN_MINUTES), start, LIFETIMES)))
                .isInstanceOf(NotJoinedException.class);
    }

    @Test
    void theHistoryKeepsTheLatestThirtyDecisionsNewestFirst() {
        for (int round = 1; round <= 31; round++) {
            vote(ann, round % 2 == 0 ? NOODLES : TRATTORIA, start);
            result(store.decide(area, ann, start, LIFETIMES));
        }

        List<Decision> history = result(store.history(area, start));

        assertThat(history).hasSize(30);
        assertThat(history).extracting(Decision::round).startsWith(31L, 30L).endsWith(2L);
        assertThat(snapshot(start).round().number()).isEqualTo(32);
    }

    @Test
    void anAreaNobodyUsedHasNoHistoryAndIsInItsFirstRound() {
        AreaName nobodys = AreaName.of("nobody-" + area.value());

        assertThat(result(store.history(nobodys, start))).isEmpty();
        assertThat(result(store.snapshot(nobodys, start)).round()).isEqualTo(Round.first());
    }

    @Test
    void everyRoundEventCarriesTheNextSequenceNumber() {
        vote(ann, NOODLES, start);
        vote(bob, TACOS, start);
        RecordingListener listener = listen(area);
        long before = snapshot(start).seq();

        result(store.setDeadline(area, ann, at(TEN_MINUTES), start, LIFETIMES));
        result(store.decide(area, ann, start, LIFETIMES));
        result(store.breakTie(area, bob, 7, start, LIFETIMES));

        assertThat(listener.next(3)).extracting(AreaEvent::seq).containsExactly(before + 1, before + 2, before + 3);
        assertThat(snapshot(start).seq()).isEqualTo(before + 3);
        assertThat(snapshot(start).round().deadline()).as("deciding ends the deadline with the round").isNull();
    }
}
