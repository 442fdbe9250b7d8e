package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.Lunch.Person;
import com.wheretoeat.core.contract.RecordingListener;
import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.error.UnavailableException;
import com.wheretoeat.core.error.WhereToEatException;
import com.wheretoeat.core.memory.Fault;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class StorageFailureTest {
    private final Lunch lunch = new Lunch();

    @Test
    void whenTheStoreIsDownJoiningVotingAndLookingAreUnavailable() {
        Person ann = lunch.joined("Ann");
        Person bob = lunch.person("Bob");
        lunch.store.simulate(Fault.DOWN);

        assertUnavailable(() -> bob.join(), "joining the area");
        assertUnavailable(() -> ann.voteFor(TRATTORIA), "adding your vote!");
        assertUnavailable(lunch::snapshot, "loading the votes");
    }

    @Test
    void whenTheStoreHangsTheCallerGoesOnAndHearsUnavailableWithinTheTimeout() {
        Person ann = lunch.joined("Ann");
        lunch.store.simulate(Fault.HUNG);

        CompletionStage<?> vote = lunch.app.vote(ann.session, lunch.office, TRATTORIA);

        assertThat(vote.toCompletableFuture()).as("the caller's thread was not held").isNotDone();
        assertThatThrownBy(() -> result(vote, Lunch.TIMEOUT.multipliedBy(10)))
                .isInstanceOf(UnavailableException.class)
                .hasMessage("Something went wrong when adding your vote! Please try again. "
                        + "It may have gone through already; sending it again is safe.");
    }

    @Test
    void everythingWorksAgainWhenTheStoreIsBack() {
        Person ann = lunch.joined("Ann");
        lunch.store.simulate(Fault.DOWN);
        assertUnavailable(() -> ann.voteFor(TRATTORIA), "adding your vote!");

        lunch.store.simulate(Fault.NONE);

        assertThat(ann.voteFor(TRATTORIA).venue()).isEqualTo(TRATTORIA);
    }

    @Test
    void aSubscriptionThatComesTooLateIsClosedSoNothingLeaks() {
        lunch.events.simulate(Fault.HUNG);
        RecordingListener latecomer = new RecordingListener();
        CompletionStage<?> subscribing = lunch.app.subscribe(lunch.office, latecomer);
        assertThatThrownBy(() -> result(subscribing, Lunch.TIMEOUT.multipliedBy(10))).isInstanceOf(UnavailableException.class);

        lunch.events.simulate(Fault.NONE);
        lunch.joined("Ann");

        latecomer.assertNothingWithin(Lunch.QUIET);
    }

    @Test
    void whenSessionsAreDownStartingOneIsUnavailable() {
        lunch.sessions.simulate(Fault.DOWN);

        assertUnavailable(() -> result(lunch.app.startSession()), "starting your session");
    }

    private static void assertUnavailable(Runnable action, String sentence) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(WhereToEatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining(sentence);
    }
}
