package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.contract.Await;
import com.wheretoeat.core.contract.RecordingListener;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaEvent.PresenceBatch;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.CatchUp;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.port.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Specs of a big area: a join costs the same whatever the area's size, pages give everyone, and
 * presence above {@link PresenceBatch#BATCHED_ABOVE} members goes out in batches, in sequence order
 * with everything else.
 */
class BigAreaPresenceTest {
    private static final Duration INTERVAL = Duration.ofMillis(PresenceBatch.BATCH_INTERVAL_MILLIS);

    private final Lunch lunch = new Lunch();

    @Test
    void aSmallAreaTellsEachJoinOnItsOwnAtOnce() {
        RecordingListener listener = lunch.watch();

        lunch.joined("Ann");

        assertThat(listener.next(AreaEvent.MemberJoined.class).memberCount()).isEqualTo(1);
    }

    @Test
    void aBigAreaTellsJoinsAsOneBatchOnceTheIntervalIsOver() {
        List<Lunch.Person> people = crowd(PresenceBatch.BATCHED_ABOVE);
        Follower follower = follow();

        people.add(lunch.joined("Late 1"));
        people.add(lunch.joined("Late 2"));
        assertThat(follower.events).as("nothing before the interval is over").isEmpty();
        batchGoesOut(follower, INTERVAL);

        assertThat(follower.events).hasSize(1);
        PresenceBatch batch = (PresenceBatch) follower.events.get(0);
        long latest = lunch.snapshot().seq();
        assertThat(batch.from()).isEqualTo(latest - 1);
        assertThat(batch.seq()).isEqualTo(latest);
        assertThat(batch.memberCount()).isEqualTo(PresenceBatch.BATCHED_ABOVE + 2);
        assertThat(batch.joined()).extracting(Username::value).containsExactly("Late 1", "Late 2");
        assertThat(batch.left()).isEmpty();
        assertThat(batch.complete()).isTrue();
    }

    @Test
    void anyOtherEventSendsTheWaitingBatchFirstSoEverythingArrivesInOrder() {
        crowd(PresenceBatch.BATCHED_ABOVE);
        Follower follower = follow();

        Lunch.Person late = lunch.joined("Late");
        late.voteFor(NOODLES);
        lunch.joined("Later");
        batchGoesOut(follower, INTERVAL);

        assertThat(follower.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("PresenceBatch", "VoteCast", "PresenceBatch");
        assertThat(follower.events).extracting(AreaEvent::seq).isSorted();
        assertThat(follower.holds()).isEqualTo(lunch.snapshot().seq());
    }

    @Test
    void aBatchSaysWhoIsStillThereAndWhoIsStillGone() {
        List<Lunch.Person> people = crowd(PresenceBatch.BATCHED_ABOVE + 3); // above the line all along
        Follower follower = follow();

        Lunch.Person visitor = lunch.joined("Visitor");
        visitor.leave();
        people.get(0).leave();
        people.get(1).as("Renamed").join();
        batchGoesOut(follower, INTERVAL);

        PresenceBatch batch = (PresenceBatch) follower.events.get(0);
        assertThat(batch.joined()).extracting(Username::value).containsExactly("Renamed");
        assertThat(batch.left()).extracting(Username::value).containsExactly("Visitor", "Member 0", "Member 1");
        assertThat(batch.memberCount()).isEqualTo(PresenceBatch.BATCHED_ABOVE + 2);
        assertThat(follower.events).hasSize(1);
    }

    @Test
    void anAreaShrinkingToTheLineTellsWhatWaitsThenEachChangeOnItsOwn() {
        List<Lunch.Person> people = crowd(PresenceBatch.BATCHED_ABOVE + 1);
        Follower follower = follow();

        lunch.joined("Visitor");
        people.get(0).leave();
        people.get(1).leave();

        assertThat(follower.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("PresenceBatch", "MemberLeft");
        assertThat(((PresenceBatch) follower.events.get(0)).memberCount()).isEqualTo(PresenceBatch.BATCHED_ABOVE + 1);
    }

    @Test
    void aBatchListsAtMostItsShareOfNamesAndSaysWhenItIsIncomplete() {
        crowd(PresenceBatch.BATCHED_ABOVE);
        Follower follower = follow();

        for (int i = 0; i < PresenceBatch.BATCH_NAMES + 5; i++) {
            lunch.joined("Late " + i);
        }
        batchGoesOut(follower, INTERVAL);

        PresenceBatch batch = (PresenceBatch) follower.events.get(0);
        assertThat(batch.joined()).hasSize(PresenceBatch.BATCH_NAMES);
        assertThat(batch.joined().get(0).value()).isEqualTo("Late 0");
        assertThat(batch.complete()).isFalse();
        assertThat(batch.memberCount()).isEqualTo(PresenceBatch.BATCHED_ABOVE + PresenceBatch.BATCH_NAMES + 5);
    }

    @Test
    void aThousandJoinsCostAFollowerAFewMessagesNotAThousand() {
        crowd(PresenceBatch.BATCHED_ABOVE);
        Follower follower = follow();

        for (int i = 0; i < 1000; i++) {
            lunch.joined("Late " + i);
            if (i % 100 == 99) {
                lunch.laterBy(INTERVAL);
            }
        }

        Await.until(() -> follower.holds() == lunch.snapshot().seq(), "the last batch arrives");
        assertThat(follower.events).hasSize(10).allMatch(PresenceBatch.class::isInstance);
        assertThat(follower.holds()).isEqualTo(lunch.snapshot().seq());
        assertThat(lunch.snapshot().memberCount()).isEqualTo(PresenceBatch.BATCHED_ABOVE + 1000);
    }

    @Test
    void theIntervalGrowsWithTheAreaSoThatPresenceCostsANodeTheSameWhateverItsSize() {
        assertThat(PresenceBatch.intervalMillis(PresenceBatch.BATCHED_ABOVE + 1)).isEqualTo(250);
        assertThat(PresenceBatch.intervalMillis(PresenceBatch.STEADY_MEMBERS)).isEqualTo(250);
        assertThat(PresenceBatch.intervalMillis(4_000)).isEqualTo(1_000);
        assertThat(PresenceBatch.intervalMillis(10_000)).isEqualTo(2_500);
    }

    @Test
    void anAreaOfThousandsWaitsLongerBeforeItsBatchGoesOut() {
        crowd(4_000);
        Follower follower = follow();

        lunch.joined("Late");
        lunch.laterBy(INTERVAL);
        assertThat(follower.events).as("an area of 4,000 batches for a second").isEmpty();
        batchGoesOut(follower, Duration.ofMillis(750));

        assertThat(follower.events).singleElement().isInstanceOf(PresenceBatch.class);
    }

    @Test
    void aJoinersSnapshotAndThePagesAfterItGiveEveryoneOnce() {
        crowd(3 * AreaSnapshot.MEMBER_PAGE);

        AreaSnapshot first = lunch.person("Late").join().snapshot();
        List<Member> everyone = new ArrayList<>(first.members());
        MemberPage page;
        do {
            page = result(lunch.app.members(lunch.office, everyone.get(everyone.size() - 1).seq()));
            everyone.addAll(page.members());
        } while (page.more());

        assertThat(first.members()).hasSize(AreaSnapshot.MEMBER_PAGE);
        assertThat(everyone).hasSize(first.memberCount()).extracting(m -> m.name().value()).doesNotHaveDuplicates()
                .contains("Member 0", "Late");
    }

    /** The clock moves on by {@code interval}; what fell due reaches the follower (on the delivery executor). */
    private void batchGoesOut(Follower follower, Duration interval) {
        lunch.laterBy(interval);
        Await.until(() -> follower.holds() == lunch.snapshot().seq(), "the follower holds " + lunch.snapshot().seq());
    }

    /** {@code count} members who joined before anyone follows. */
    private List<Lunch.Person> crowd(int count) {
        List<Lunch.Person> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            people.add(lunch.joined("Member " + i));
        }
        return people;
    }

    private Follower follow() {
        Follower follower = new Follower();
        follower.last = lunch.snapshot().seq();
        follower.subscription = result(lunch.app.follow(lunch.office, follower.last, follower));
        lunch.clock.advance(Duration.ZERO);
        return follower;
    }

    /** Records what a follower is handed, and the sequence number it holds. */
    private static final class Follower implements AreaFollower {
        final List<AreaEvent> events = new CopyOnWriteArrayList<>();
        long last;
        Subscription subscription;

        @Override
        public synchronized void onCaughtUp(CatchUp missed) {
            if (missed instanceof CatchUp.Reset reset) {
                last = reset.snapshot().seq();
            }
        }

        @Override
        public synchronized void onEvent(AreaEvent event) {
            events.add(event);
            last = event.seq();
        }

        @Override
        public synchronized void onReset(AreaSnapshot snapshot) {
            throw new AssertionError("no reset expected, got one at " + snapshot.seq());
        }

        synchronized long holds() {
            return last;
        }
    }
}
