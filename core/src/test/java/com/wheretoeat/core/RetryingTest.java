package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.Lunch.Person;
import com.wheretoeat.core.error.UnavailableException;
import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.CatchUp;
import com.wheretoeat.core.model.Member;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A request whose answer was lost (the store applied it, then did not answer in time) says so,
 * and sending it again changes nothing more: every request is safe to retry.
 */
class RetryingTest {
    private final Lunch lunch = new Lunch();
    private final Person ann = lunch.joined("Ann");

    @Test
    void aJoinSentAgainJoinsOnce() {
        Person bob = lunch.person("Bob");

        long changes = appliedButUnanswered(bob::join);

        assertThat(bob.join().you().name()).isEqualTo(bob.name);
        assertThat(lunch.snapshot().seq()).isEqualTo(changes);
        assertThat(lunch.snapshot().members()).extracting(Member::name).containsExactly(ann.name, bob.name);
    }

    @Test
    void aVoteSentAgainCountsOnce() {
        long changes = appliedButUnanswered(() -> ann.voteFor(TRATTORIA));

        assertThat(ann.voteFor(TRATTORIA).venue()).isEqualTo(TRATTORIA);
        assertThat(lunch.snapshot().seq()).isEqualTo(changes);
        assertThat(lunch.snapshot().tally().votesFor(TRATTORIA.id())).isEqualTo(1);
    }

    @Test
    void aMovedVoteSentAgainMovesOnce() {
        ann.voteFor(TRATTORIA);

        long changes = appliedButUnanswered(() -> ann.voteFor(NOODLES));

        assertThat(ann.voteFor(NOODLES).venue()).isEqualTo(NOODLES);
        assertThat(lunch.snapshot().seq()).isEqualTo(changes);
    }

    @Test
    void aRetractionSentAgainTakesBackNothingMore() {
        ann.voteFor(TRATTORIA);

        long changes = appliedButUnanswered(ann::retract);

        assertThat(ann.retract()).isEmpty();
        assertThat(lunch.snapshot().seq()).isEqualTo(changes);
    }

    @Test
    void aLeaveSentAgainLeavesOnce() {
        long changes = appliedButUnanswered(() -> {
            ann.leave();
            return null;
        });

        assertThat(result(lunch.app.leave(ann.session, lunch.office))).isEmpty();
        assertThat(lunch.snapshot().seq()).isEqualTo(changes);
        assertThat(lunch.snapshot().members()).isEmpty();
    }

    @Test
    void aResumeSentAgainRejoinsOnceAndCatchesUpTheSame() {
        long seen = lunch.snapshot().seq();
        ann.voteFor(TRATTORIA);
        Person annAgain = lunch.person("Ann"); // a new session after a restart of the client

        ann.leave();
        long changes = appliedButUnanswered(annAgain::join);

        annAgain.join();
        CatchUp missed = result(lunch.app.catchUp(lunch.office, seen));
        assertThat(lunch.snapshot().seq()).isEqualTo(changes);
        assertThat(missed).isInstanceOfSatisfying(CatchUp.Replay.class, replay -> assertThat(replay.events())
                .extracting(AreaEvent::seq).containsExactly(seen + 1, seen + 2, seen + 3));
    }

    /**
     * Carries out {@code request} on a store that applies it and never answers: the caller hears
     * that it may have gone through. Answers the area's sequence number after it.
     */
    private long appliedButUnanswered(Supplier<?> request) {
        long before = lunch.snapshot().seq();
        lunch.store.simulate(Fault.LOST_ANSWER);
        assertThatThrownBy(request::get)
                .isInstanceOf(UnavailableException.class)
                .hasMessageEndingWith("It may have gone through already; sending it again is safe.");
        lunch.store.simulate(Fault.NONE);
        long after = lunch.snapshot().seq();
        assertThat(after).as("the request was applied").isGreaterThan(before);
        return after;
    }
}
