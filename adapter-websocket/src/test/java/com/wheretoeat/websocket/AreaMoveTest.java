package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static com.wheretoeat.websocket.LiveVotingTest.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.contract.Sample;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Username;
import java.util.List;
import com.wheretoeat.websocket.LiveArea.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A connection lives in one area at a time; joining another moves it there cleanly. */
@ParameterizedClass
@EnumSource(Delivery.class)
class AreaMoveTest {
    private final LiveArea live;

    AreaMoveTest(Delivery delivery) {
        this.live = new LiveArea(delivery);
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aSecondJoinMovesTheConnectionAndItStopsReceivingTheOldArea() {
        WhereToEatClient mover = live.joined("office-3f", "Max");
        WhereToEatClient stayer = live.joined("office-3f", "Sue");
        WhereToEatClient upstairs = live.joined("office-4f", "Uma");

        result(mover.join("office-4f", "Max"), WAIT);
        int afterMove = mover.messages().size();
        result(stayer.vote(Sample.NOODLES), WAIT);
        result(upstairs.vote(Sample.TACOS), WAIT);

        JsonNode upstairsVote = mover.awaitMessage(m -> ofType("vote-cast").test(m) && m.path("area").asText().equals("office-4f"), WAIT);
        assertThat(upstairsVote.at("/vote/voter").asText()).isEqualTo("Uma");
        List<JsonNode> sinceMove = mover.messages().subList(afterMove, mover.messages().size());
        assertThat(sinceMove).noneMatch(m -> m.path("area").asText().equals("office-3f"));
        live.passPresenceGrace(3); // Max's connection left office-3f: he goes once nothing brought him back
        assertThat(stayer.awaitMessage(ofType("member-left"), WAIT).path("name").asText()).isEqualTo("Max");
        assertThat(result(live.app.snapshot(AreaName.of("office-3f"))).hasMember(Username.of("Max"))).isFalse();
    }

    @Test
    void aFailedJoinLeavesTheConnectionWhereItWas() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        live.joined("office-4f", "Bob");
        WhereToEatClient cem = live.joined("office-3f", "Cem");

        assertThatThrownBy(() -> result(ann.join("office-4f", "Bob"), WAIT)).isInstanceOf(ErrorReplyException.class);
        result(cem.vote(Sample.NOODLES), WAIT);

        assertThat(ann.awaitMessage(ofType("vote-cast"), WAIT).path("area").asText()).isEqualTo("office-3f");
        assertThat(result(ann.vote(Sample.TACOS), WAIT).voter().value()).isEqualTo("Ann");
    }

    @Test
    void aLeaverHearsItsOwnLeavingOnceAndBeforeTheAck() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient bob = live.joined("office-3f", "Bob");
        int beforeLeave = bob.messages().size();

        result(bob.leave(), WAIT);
        // Once Ann has her vote, Bob's leaving has been delivered too, however late; his error reply
        // to a request after that follows anything the server still sent him.
        result(ann.vote(Sample.NOODLES), WAIT);
        ann.awaitMessage(ofType("vote-cast"), WAIT);
        assertThatThrownBy(() -> result(bob.snapshot(), WAIT)).isInstanceOf(ErrorReplyException.class);

        List<JsonNode> sinceLeave = bob.messages().subList(beforeLeave, bob.messages().size());
        assertThat(sinceLeave).extracting(m -> m.path("type").asText()).containsExactly("member-left", "ack", "error");
        assertThat(sinceLeave.get(0).path("name").asText()).isEqualTo("Bob");
        assertThat(ann.messages()).filteredOn(ofType("member-left")).singleElement()
                .satisfies(left -> assertThat(left.path("seq").asLong()).isEqualTo(sinceLeave.get(0).path("seq").asLong()));
    }

    @Test
    void leavingStopsTheEventsAndVotingNeedsAJoinAgain() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient bob = live.joined("office-3f", "Bob");

        result(ann.leave(), WAIT);
        int afterLeave = ann.messages().size();
        result(bob.vote(Sample.NOODLES), WAIT);
        bob.awaitMessage(ofType("vote-cast"), WAIT);

        assertThatThrownBy(() -> result(ann.vote(Sample.TACOS), WAIT))
                .isInstanceOfSatisfying(ErrorReplyException.class, e -> assertThat(e.wireCode()).isEqualTo("not-joined"));
        assertThat(ann.messages().subList(afterLeave, ann.messages().size())).noneMatch(ofType("vote-cast"));
    }
}
