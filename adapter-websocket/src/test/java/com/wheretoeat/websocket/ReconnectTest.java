package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static com.wheretoeat.websocket.LiveVotingTest.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.contract.Sample;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.websocket.LiveArea.Delivery;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A client reconnects while its old connection is still closing: whichever finishes first, the
 * member belongs to the new connection, and is left only when nobody of the session holds it.
 */
class ReconnectTest {
    private static final AreaName OFFICE = AreaName.of("office-3f");

    @Test
    void anOldConnectionClosingWhileItsSessionResumesKeepsTheMemberForTheNewOne() {
        try (LiveArea live = new LiveArea(Delivery.LATE, LiveArea.PATIENT_CORE_TIMEOUT, settings -> settings)) {
            WhereToEatClient first = live.joined("office-3f", "Ann");
            WhereToEatClient second = live.connect(WhereToEatClient.to(live.uri()).session(first.session()));

            CompletableFuture<WhereToEatClient.Resumed> resumed;
            try (LateDelivery.Pause pause = live.pauseCompletions()) {
                resumed = second.resume("office-3f", "Ann", first.lastSeq());
                // The rejoin is made in the store; its answer waits. Now the old connection goes.
                result(pause.held(), WAIT);
                first.close();
                live.awaitConnectionCount(1);
            }

            assertThat(result(resumed, WAIT).you().name().value()).isEqualTo("Ann");
            live.passPresenceGrace(1);
            assertThat(result(second.vote(Sample.NOODLES), WAIT).voter().value()).isEqualTo("Ann");
            assertThat(result(live.app.snapshot(OFFICE)).hasMember(Username.of("Ann"))).isTrue();
        }
    }

    @Test
    void whenTheResumeThatKeptTheMemberFailsTheMemberLeaves() {
        try (LiveArea live = new LiveArea(Delivery.LATE, LiveArea.PATIENT_CORE_TIMEOUT, settings -> settings)) {
            WhereToEatClient first = live.joined("office-3f", "Ann");
            WhereToEatClient bob = live.joined("office-3f", "Bob");
            WhereToEatClient second = live.connect(WhereToEatClient.to(live.uri()).session(first.session()));

            CompletableFuture<WhereToEatClient.Resumed> resumed;
            try (LateDelivery.Pause pause = live.pauseCompletions()) {
                resumed = second.resume("office-3f", "Bob", first.lastSeq()); // Bob's name: refused
                result(pause.held(), WAIT);
                first.close();
                live.awaitConnectionCount(2);
            }
            live.passPresenceGrace(2);

            assertThatThrownBy(() -> result(resumed, WAIT)).isInstanceOfSatisfying(ErrorReplyException.class,
                    e -> assertThat(e.wireCode()).isEqualTo("name-taken"));
            assertThat(bob.awaitMessage(ofType("member-left"), WAIT).path("name").asText()).isEqualTo("Ann");
            assertThat(result(live.app.snapshot(OFFICE)).hasMember(Username.of("Ann"))).isFalse();
        }
    }
}
