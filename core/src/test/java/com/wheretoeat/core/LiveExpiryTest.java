package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.wheretoeat.core.Lunch.Person;
import com.wheretoeat.core.contract.RecordingListener;
import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaEvent.MemberExpired;
import com.wheretoeat.core.model.AreaEvent.MemberJoined;
import com.wheretoeat.core.model.AreaEvent.VoteExpired;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.port.Subscription;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Expiry reaches the people following an area as events, without anyone asking. */
class LiveExpiryTest {
    private final Lunch lunch = new Lunch();
    private final Instant noon = lunch.clock.now();

    @Test
    void aVoteThatExpiresIsAnnouncedToFollowers() {
        lunch.joined("Ann").voteFor(TRATTORIA);
        RecordingListener bob = lunch.watch();

        lunch.laterBy(Duration.ofHours(2));

        VoteExpired expired = bob.next(VoteExpired.class);
        assertThat(expired.voter()).isEqualTo(Username.of("Ann"));
        assertThat(expired.venue()).isEqualTo(TRATTORIA.id());
        assertThat(expired.at()).isEqualTo(noon.plus(Duration.ofHours(2)));
        assertThat(expired.seq()).isEqualTo(3);
        assertThat(lunch.snapshot().votes()).isEmpty();
    }

    @Test
    void aMemberWhoExpiresIsAnnouncedToFollowers() {
        lunch.joined("Ann");
        lunch.joined("Bob");
        RecordingListener follower = lunch.watch();

        lunch.laterBy(Duration.ofHours(4));

        assertThat(follower.next(2)).extracting(e -> ((MemberExpired) e).name().value()).containsExactly("Ann", "Bob");
        follower.assertNothingWithin(Lunch.QUIET);
    }

    @Test
    void aMemberWhoStaysActiveNeverExpires() {
        Person ann = lunch.joined("Ann");
        RecordingListener follower = lunch.watch();

        for (int hour = 0; hour < 6; hour++) {
            lunch.laterBy(Duration.ofHours(1));
            ann.voteFor(hour % 2 == 0 ? TRATTORIA : NOODLES);
        }

        assertThat(follower.next(6)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("VoteCast", "VoteMoved", "VoteMoved", "VoteMoved", "VoteMoved", "VoteMoved");
        follower.assertNothingWithin(Lunch.QUIET);
        lunch.laterBy(Duration.ofHours(4));
        assertThat(follower.next(2)).extracting(e -> e.getClass().getSimpleName(), AreaEvent::at).containsExactly(
                tuple("VoteExpired", noon.plus(Duration.ofHours(8))), tuple("MemberExpired", noon.plus(Duration.ofHours(10))));
    }

    @Test
    void expiryIsAnnouncedOnceWhateverHowManyFollow() {
        lunch.joined("Ann").voteFor(TRATTORIA);
        WhereToEat secondNode = lunch.anotherNode();
        RecordingListener first = lunch.watch();
        RecordingListener second = lunch.watch();
        RecordingListener elsewhere = lunch.watchOn(secondNode);

        lunch.laterBy(Duration.ofHours(2));

        for (RecordingListener follower : new RecordingListener[] {first, second, elsewhere}) {
            assertThat(follower.next(VoteExpired.class).seq()).isEqualTo(3);
            follower.assertNothingWithin(Lunch.QUIET);
        }
    }

    @Test
    void aVoteCastOnAnotherNodeIsWatchedFromItsEvent() {
        Person ann = lunch.joined("Ann");
        RecordingListener follower = lunch.watch();
        WhereToEat secondNode = lunch.anotherNode();
        lunch.laterBy(Duration.ofHours(1));

        result(secondNode.vote(ann.session, lunch.office, TRATTORIA));
        lunch.laterBy(Duration.ofHours(2));

        follower.next(AreaEvent.VoteCast.class);
        assertThat(follower.next(VoteExpired.class).at()).as("when the vote expired, not when Ann's membership was due")
                .isEqualTo(noon.plus(Duration.ofHours(3)));
    }

    @Test
    void aStoreOutageDelaysExpiryButDoesNotLoseIt() {
        lunch.joined("Ann").voteFor(TRATTORIA);
        RecordingListener follower = lunch.watch();
        lunch.store.simulate(Fault.DOWN);

        lunch.laterBy(Duration.ofHours(2));
        lunch.laterBy(Duration.ofSeconds(1));
        follower.assertNothingWithin(Lunch.QUIET);

        lunch.store.simulate(Fault.NONE);
        lunch.laterBy(Duration.ofSeconds(2));

        assertThat(follower.next(VoteExpired.class).at()).isEqualTo(noon.plus(Duration.ofHours(2)).plusSeconds(3));
    }

    @Test
    void aLongOutageIsRetriedAtLeastEveryThirtySeconds() {
        lunch.joined("Ann").voteFor(TRATTORIA);
        RecordingListener follower = lunch.watch();
        lunch.store.simulate(Fault.DOWN);
        lunch.laterBy(Duration.ofHours(2));
        for (int minute = 0; minute < 20; minute++) {
            lunch.laterBy(Duration.ofMinutes(1));
        }

        lunch.store.simulate(Fault.NONE);
        lunch.laterBy(Duration.ofSeconds(30));

        assertThat(follower.next(VoteExpired.class).voter()).isEqualTo(Username.of("Ann"));
    }

    @Test
    void afterAnInterruptionTheWatchAsksAgainAndMissesNoEarlierExpiry() {
        Person ann = lunch.joined("Ann");
        RecordingListener follower = lunch.watch();
        lunch.events.simulate(Fault.DOWN);
        ann.voteFor(TRATTORIA);
        lunch.events.simulate(Fault.NONE);

        lunch.laterBy(Duration.ofHours(2));

        assertThat(follower.next(VoteExpired.class).at()).isEqualTo(noon.plus(Duration.ofHours(2)));
    }

    @Test
    void anAreaWhereEverythingExpiredIsAnnouncedThenStartsAgain() {
        lunch.joined("Ann").voteFor(TRATTORIA);
        RecordingListener follower = lunch.watch();

        lunch.laterBy(Duration.ofHours(4));
        lunch.joined("Bob");

        assertThat(follower.next(3)).extracting(e -> e.getClass().getSimpleName(), AreaEvent::seq).containsExactly(
                tuple("VoteExpired", 3L), tuple("MemberExpired", 4L), tuple("MemberJoined", 1L));
        assertThat(lunch.store.areaCount()).isEqualTo(1);
    }

    @Test
    void whenTheLastFollowerLeavesNoTimerIsLeftAndNothingIsAnnounced() {
        lunch.joined("Ann").voteFor(TRATTORIA);
        RecordingListener raw = new RecordingListener();
        result(lunch.events.subscribe(lunch.office, raw));
        Subscription one = result(lunch.app.subscribe(lunch.office, new RecordingListener()));
        Subscription two = result(lunch.app.subscribe(lunch.office, new RecordingListener()));
        lunch.laterBy(Duration.ZERO);

        one.close();
        assertThat(lunch.clock.pendingTasks()).as("one timer while someone follows").isEqualTo(1);
        two.close();
        two.close();

        assertThat(lunch.clock.pendingTasks()).isZero();
        lunch.laterBy(Duration.ofHours(5));
        raw.assertNothingWithin(Lunch.QUIET);
    }

    @Test
    void aJoinAfterAnUnannouncedExpiryAnnouncesItFirst() {
        lunch.joined("Ann");
        RecordingListener raw = new RecordingListener();
        result(lunch.events.subscribe(lunch.office, raw));
        lunch.laterBy(Duration.ofHours(4));

        lunch.joined("Bob");

        assertThat(raw.next(MemberExpired.class).seq()).isEqualTo(2);
        assertThat(raw.next(MemberJoined.class).seq()).isEqualTo(3);
    }
}
