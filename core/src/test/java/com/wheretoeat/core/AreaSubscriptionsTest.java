package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.contract.Await;
import com.wheretoeat.core.contract.RecordingListener;
import com.wheretoeat.core.error.UnavailableException;
import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.port.Subscription;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A node's one hold on an area's events, shared by its subscribers: it comes and goes with them,
 * and a hold that failed, or never answered, does not stand in the way of the next subscriber.
 */
class AreaSubscriptionsTest {
    private final Lunch lunch = new Lunch();

    @Test
    void aHoldThatFailedIsTriedAgainByTheNextSubscriber() {
        lunch.events.simulate(Fault.DOWN);
        assertThatThrownBy(() -> result(lunch.app.subscribe(lunch.office, new RecordingListener())))
                .isInstanceOf(UnavailableException.class);
        lunch.events.simulate(Fault.NONE);

        RecordingListener listener = lunch.watch();
        lunch.joined("Ann");

        assertThat(listener.next(AreaEvent.MemberJoined.class).member().name().value()).isEqualTo("Ann");
    }

    @Test
    void aHoldThatNeverAnsweredIsDroppedSoTheNextSubscriberTriesAgain() {
        lunch.events.simulate(Fault.LOST_ANSWER);
        assertThatThrownBy(() -> result(lunch.app.subscribe(lunch.office, new RecordingListener())))
                .isInstanceOf(UnavailableException.class);
        lunch.events.simulate(Fault.NONE);

        // The node gives up on the lost hold after its timeout; until then a subscriber may wait on it.
        RecordingListener listener = new RecordingListener();
        Await.until(() -> {
            try {
                result(lunch.app.subscribe(lunch.office, listener));
                return true;
            } catch (UnavailableException stillTheLostOne) {
                return false;
            }
        }, "a subscription in place");
        lunch.joined("Ann");

        assertThat(listener.next(AreaEvent.MemberJoined.class).member().name().value()).isEqualTo("Ann");
    }

    @Test
    void oneListenerMayHoldTwoSubscriptionsAndClosingOneKeepsTheOther() {
        RecordingListener listener = new RecordingListener();
        Subscription first = result(lunch.app.subscribe(lunch.office, listener));
        result(lunch.app.subscribe(lunch.office, listener));

        lunch.joined("Ann");
        first.close();
        lunch.joined("Bob");

        assertThat(listener.next(2)).extracting(AreaEvent::seq).containsExactly(1L, 1L);
        assertThat(((AreaEvent.MemberJoined) listener.next()).member().name().value()).isEqualTo("Bob");
        listener.assertNothingWithin(Duration.ofMillis(50));
    }

    @Test
    void theLastSubscriberLeavingEndsTheHoldAndANewOneStartsAfresh() {
        Subscription only = result(lunch.app.subscribe(lunch.office, new RecordingListener()));
        only.close();
        lunch.joined("Ann");

        RecordingListener later = lunch.watch();
        lunch.joined("Bob");

        assertThat(((AreaEvent.MemberJoined) later.next()).member().name().value()).isEqualTo("Bob");
        later.assertNothingWithin(Duration.ofMillis(50));
    }
}
