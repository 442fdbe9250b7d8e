package com.wheretoeat.core.contract;

import com.wheretoeat.core.model.AreaSnapshot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.port.AreaEvents;
import com.wheretoeat.core.port.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The specification of {@link AreaEvents}: delivery to subscribers and catching up. Events are
 * made through the paired store, since announcing is the store's part of every change.
 */
public abstract class AreaEventsContract extends AreaContract {

    /** How many recent events of an area the adapter keeps for catching up. */
    protected abstract int logSize();

    private RecordingListener listen() {
        return listen(area);
    }

    /** Makes {@code changes} events: one join, then votes moving between two places. */
    private void makeEvents(int changes) {
        SessionId ann = session();
        result(ports.store().join(area, ann, name("Member " + ann.value().substring(ann.value().length() - 8)), start, Lifetimes.DEFAULT));
        for (int i = 1; i < changes; i++) {
            result(ports.store().vote(area, ann, i % 2 == 0 ? NOODLES : TRATTORIA, start, Lifetimes.DEFAULT));
        }
    }

    @Test
    void everySubscriberOfAnAreaReceivesItsEventsInOrder() {
        RecordingListener first = listen();
        RecordingListener second = listen();

        makeEvents(5);

        assertThat(first.next(5)).extracting(AreaEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(second.next(5)).extracting(AreaEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aListenerThatReadsTheAreaOnHearingOfAnEventSeesTheChange() {
        LinkedBlockingQueue<AreaSnapshot> seen = new LinkedBlockingQueue<>();
        result(ports.events().subscribe(area, event -> ports.store().snapshot(area, start).thenAccept(seen::add)));

        makeEvents(1);

        AreaSnapshot read = result(CompletableFuture.supplyAsync(() -> {
            try {
                return seen.poll(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(read).as("a snapshot read on hearing of the join").isNotNull();
        assertThat(read.seq()).isEqualTo(1);
        assertThat(read.members()).hasSize(1);
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() {
        RecordingListener kept = listen();
        RecordingListener dropped = new RecordingListener();
        Subscription subscription = result(ports.events().subscribe(area, dropped));
        makeEvents(1);
        dropped.next();

        subscription.close();
        subscription.close();
        makeEvents(1);

        assertThat(kept.next(2)).hasSize(2);
        dropped.assertNothingWithin(quietPeriod());
    }

    @Test
    void aFailingListenerDoesNotDisturbTheOthers() {
        result(ports.events().subscribe(area, event -> {
            throw new IllegalStateException("a listener with a bug");
        }));
        RecordingListener healthy = listen();

        makeEvents(3);

        assertThat(healthy.next(3)).extracting(AreaEvent::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void missedEventsAreReplayedOldestFirst() {
        makeEvents(6);

        Optional<List<AreaEvent>> missed = result(ports.events().since(area, 2));

        assertThat(missed).hasValueSatisfying(events ->
                assertThat(events).extracting(AreaEvent::seq).containsExactly(3L, 4L, 5L, 6L));
    }

    @Test
    void nothingMissedIsAnEmptyReplay() {
        makeEvents(3);

        assertThat(result(ports.events().since(area, 3))).contains(List.of());
        assertThat(result(ports.events().since(AreaName.of("never-used-" + area.value()), 0))).contains(List.of());
    }

    @Test
    void aSequenceBeyondTheLatestCannotBeReplayed() {
        makeEvents(3);

        assertThat(result(ports.events().since(area, 4))).isEmpty();
        assertThat(result(ports.events().since(AreaName.of("never-used-" + area.value()), 9))).isEmpty();
    }

    @Test
    void eventsOlderThanTheLogCannotBeReplayed() {
        makeEvents(logSize() + 5);

        assertThat(result(ports.events().since(area, 0))).isEmpty();
        assertThat(result(ports.events().since(area, 5))).hasValueSatisfying(events ->
                assertThat(events).hasSize(logSize()));
    }

    @Test
    void expiriesAreDeliveredAndReplayedLikeEveryOtherEvent() {
        RecordingListener listener = listen();
        makeEvents(2);
        Instant voteGone = start.plus(Lifetimes.DEFAULT.vote());

        result(ports.store().expire(area, voteGone));

        assertThat(listener.next(3)).extracting(AreaEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(result(ports.events().since(area, 2))).hasValueSatisfying(events ->
                assertThat(events).singleElement().isInstanceOf(AreaEvent.VoteExpired.class));
    }

    @Test
    void anAreaForgottenAfterEverythingExpiredCannotBeReplayed() {
        RecordingListener listener = listen();
        makeEvents(2);

        result(ports.store().expire(area, start.plus(Lifetimes.DEFAULT.member())));

        assertThat(listener.next(4)).last().isInstanceOf(AreaEvent.MemberExpired.class);
        assertThat(result(ports.events().since(area, 2))).as("a client that missed them starts again from a snapshot")
                .isEmpty();
    }
}
