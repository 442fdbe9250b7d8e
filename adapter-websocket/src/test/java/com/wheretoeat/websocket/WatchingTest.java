package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static com.wheretoeat.websocket.LiveVotingTest.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wheretoeat.core.contract.Sample;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Username;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Someone who opened the area's page but has not picked a name yet follows it live: {@code watch}. */
class WatchingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LiveArea live = new LiveArea();

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aWatcherSeesEveryChangeWithoutJoining() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient visitor = live.connect();

        AreaSnapshot seen = result(visitor.watch("office-3f"), WAIT);
        result(ann.vote(Sample.NOODLES), WAIT);
        WhereToEatClient bob = live.joined("office-3f", "Bob");

        assertThat(seen.members()).extracting(m -> m.name().value()).containsExactly("Ann");
        assertThat(visitor.awaitMessage(ofType("vote-cast"), WAIT).at("/vote/voter").asText()).isEqualTo("Ann");
        assertThat(visitor.awaitMessage(ofType("member-joined"), WAIT).at("/member/name").asText()).isEqualTo("Bob");
        assertThat(result(live.app.snapshot(AreaName.of("office-3f"))).hasMember(Username.of("Bob"))).isTrue();
        bob.close();
    }

    @Test
    void aWatcherIsNoMemberAndCannotVoteOrLeave() {
        WhereToEatClient visitor = live.connect();
        result(visitor.watch("office-3f"), WAIT);

        assertThatThrownBy(() -> result(visitor.vote(Sample.NOODLES), WAIT)).isInstanceOfSatisfying(
                ErrorReplyException.class, error -> assertThat(error.wireCode()).isEqualTo("not-joined"));
        assertThatThrownBy(() -> result(visitor.leave(), WAIT)).isInstanceOfSatisfying(
                ErrorReplyException.class, error -> assertThat(error.wireCode()).isEqualTo("not-joined"));
        assertThat(result(visitor.snapshot(), WAIT).members()).isEmpty();
    }

    @Test
    void aWatcherWhoJoinsBecomesAMemberOnTheSameConnectionAndMissesNothing() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient visitor = live.connect();
        result(visitor.watch("office-3f"), WAIT);

        result(visitor.join("office-3f", "Vic"), WAIT);
        result(ann.vote(Sample.TACOS), WAIT);
        result(visitor.vote(Sample.TACOS), WAIT);

        assertThat(ann.awaitMessage(ofType("member-joined"), WAIT).at("/member/name").asText()).isEqualTo("Vic");
        JsonNode hers = visitor.awaitMessage(m -> ofType("vote-cast").test(m) && m.at("/vote/voter").asText().equals("Ann"), WAIT);
        visitor.awaitMessage(m -> ofType("vote-cast").test(m) && m.at("/vote/voter").asText().equals("Vic"), WAIT);
        assertThat(visitor.messages()).as("each event once").filteredOn(m -> m.path("seq").asLong() == hers.path("seq").asLong()
                && m.has("area")).hasSize(1);
        assertThat(visitor.messages()).as("its own joining is in the ack, not an event")
                .noneMatch(m -> ofType("member-joined").test(m) && m.at("/member/name").asText().equals("Vic"));
    }

    @Test
    void aWatcherThatReconnectsCatchesUpFromWhereItWas() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient visitor = live.connect();
        long seen = result(visitor.watch("office-3f"), WAIT).seq();
        visitor.close();
        result(ann.vote(Sample.NOODLES), WAIT);

        WhereToEatClient back = live.connect();
        JsonNode ack = result(back.request(JSON.createObjectNode()
                .put("type", "watch").put("area", "office-3f").put("seq", seen)), WAIT);

        assertThat(ack.path("replayed").asInt()).isEqualTo(1);
        assertThat(back.awaitMessage(ofType("vote-cast"), WAIT).path("seq").asLong()).isEqualTo(seen + 1);
    }
}
