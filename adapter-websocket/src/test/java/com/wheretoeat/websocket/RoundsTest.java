package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.contract.Sample;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.Venue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rounds through the Java client: deciding, a deadline, a tie and its draw, the history. */
class RoundsTest {
    private final LiveArea live = new LiveArea();

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void everyoneHearsTheSameDecisionAndTheDrawThatBreaksItsTie() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient bob = live.joined("office-3f", "Bob");
        List<AreaEvent> bobHeard = new CopyOnWriteArrayList<>();
        bob.onEvent(bobHeard::add);
        result(ann.vote(Sample.NOODLES), WAIT);
        result(bob.vote(Sample.TACOS), WAIT);

        Decision tie = result(ann.decide(), WAIT);
        Decision drawn = result(bob.breakTie(), WAIT);
        bob.awaitMessage(LiveVotingTest.ofType("tie-broken"), WAIT);

        assertThat(tie.tie()).isTrue();
        assertThat(tie.decidedBy().value()).isEqualTo("Ann");
        assertThat(drawn.drawn().id()).as("the draw the test chose").isEqualTo(tie.winners().get((int) LiveArea.DRAW).id());
        assertThat(bobHeard).filteredOn(AreaEvent.RoundDecided.class::isInstance).singleElement()
                .extracting(e -> ((AreaEvent.RoundDecided) e).decision()).isEqualTo(tie);
        assertThat(result(ann.history(), WAIT)).containsExactly(drawn);
        assertThat(result(ann.snapshot(), WAIT).round().number()).isEqualTo(2);
    }

    @Test
    void aDeadlineIsSetClearedAndDecidesTheRoundWhenItComes() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        result(ann.vote(Sample.TRATTORIA), WAIT);

        Round cleared = result(ann.deadline(live.clock.now().plus(Duration.ofMinutes(5))).thenCompose(r -> ann.deadline(null)), WAIT);
        Round set = result(ann.deadlineInMinutes(10), WAIT);
        live.clock.advance(Duration.ofMinutes(10));
        var decided = ann.awaitMessage(LiveVotingTest.ofType("round-decided"), WAIT);

        assertThat(cleared.deadline()).isNull();
        assertThat(set.deadline()).isEqualTo(live.clock.now());
        assertThat(decided.at("/decision/decidedBy").isMissingNode()).as("the deadline decided").isTrue();
        assertThat(result(ann.history(), WAIT)).singleElement().extracting(Decision::winners).asList()
                .extracting(v -> ((Venue) v).id()).containsExactly(Sample.TRATTORIA.id());
    }

    @Test
    void aDeadlineInThePastOrTooFarAheadIsABadRequest() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");

        assertThatThrownBy(() -> result(ann.deadline(live.clock.now().minusSeconds(1)), WAIT))
                .isInstanceOfSatisfying(ErrorReplyException.class, e -> assertThat(e.wireCode()).isEqualTo("bad-request"));
        assertThatThrownBy(() -> result(ann.deadlineInMinutes(24 * 60 + 1), WAIT))
                .isInstanceOfSatisfying(ErrorReplyException.class, e -> assertThat(e.wireCode()).isEqualTo("bad-request"));
    }
}
