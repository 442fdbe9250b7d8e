package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static com.wheretoeat.websocket.LiveVotingTest.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.contract.Sample;
import com.wheretoeat.core.memory.InMemoryAreaEvents;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import com.wheretoeat.websocket.LiveArea.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** After a reconnect a client resumes: it receives what it missed, or a fresh snapshot when that is gone. */
@ParameterizedClass
@EnumSource(Delivery.class)
class ResumeTest {
    private static final AreaName OFFICE = AreaName.of("office-3f");
    private final LiveArea live;

    ResumeTest(Delivery delivery) {
        this.live = new LiveArea(delivery);
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aResumeReplaysTheMissedEventsInOrderWithoutGapsOrRepeats() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient bob = live.joined("office-3f", "Bob");
        ann.awaitMessage(ofType("member-joined"), WAIT);
        List<AreaEvent> seen = new CopyOnWriteArrayList<>();
        ann.onEvent(seen::add);
        long before = ann.lastSeq();

        ann.close();
        ann.awaitClose(WAIT);
        result(bob.vote(Sample.NOODLES), WAIT);
        result(bob.vote(Sample.TACOS), WAIT);
        WhereToEatClient back = result(ann.reconnect(), WAIT);

        JsonNode ack = back.awaitMessage(ofType("ack"), WAIT);
        // Two votes: everything after the last number she saw. She never left: she came back within the grace.
        assertThat(ack.path("replayed").asInt()).isEqualTo(2);
        assertThat(ack.has("snapshot")).isFalse();
        JsonNode moved = back.awaitMessage(m -> m.path("type").asText().equals("vote-moved"), WAIT);
        assertThat(moved.path("seq").asLong()).isEqualTo(before + 2);
        assertThat(seen).extracting(AreaEvent::seq).containsExactly(before + 1, before + 2);
        assertThat(seen.get(0)).isInstanceOf(AreaEvent.VoteCast.class);
        assertThat(bob.messages()).as("nobody saw Ann leave or come back")
                .noneMatch(m -> m.path("type").asText().startsWith("member-"));
        assertThat(back.session()).isEqualTo(ann.session());
    }

    @Test
    void aResumeAfterTooLongAGapAnswersAFreshSnapshot() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        long before = ann.lastSeq();
        ann.close();
        ann.awaitClose(WAIT);
        SessionId busy = result(live.app.startSession());
        result(live.app.join(busy, OFFICE, Username.of("Busy")));
        for (int i = 0; i < InMemoryAreaEvents.DEFAULT_LOG_SIZE + 10; i++) {
            result(live.app.vote(busy, OFFICE, i % 2 == 0 ? Sample.NOODLES : Sample.TACOS));
        }

        WhereToEatClient back = result(ann.reconnect(), WAIT);

        JsonNode ack = back.awaitMessage(ofType("ack"), WAIT);
        assertThat(ack.at("/snapshot/seq").asLong()).isGreaterThan(before + InMemoryAreaEvents.DEFAULT_LOG_SIZE);
        assertThat(ack.at("/snapshot/votes/0/voter").asText()).isEqualTo("Busy");
        assertThat(back.lastSeq()).isEqualTo(ack.at("/snapshot/seq").asLong());
    }

    @Test
    void aResumeWithNothingMissedReplaysNothing() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");

        WhereToEatClient.Resumed resumed = result(ann.resume("office-3f", "Ann", ann.lastSeq()), WAIT);

        assertThat(resumed.replayed()).isZero();
        assertThat(resumed.snapshot()).isEmpty();
        assertThat(resumed.you().name().value()).isEqualTo("Ann");
    }
}
