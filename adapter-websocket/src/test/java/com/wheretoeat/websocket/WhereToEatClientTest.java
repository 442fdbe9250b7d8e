package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wheretoeat.core.contract.Sample;
import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Vote;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Java client's own promises: replies find their requests, a long-lived client stays small, and
 * every kind of event, expiries included, reaches its listeners.
 */
class WhereToEatClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LiveArea live = new LiveArea();

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aReplyFindsTheRequestWithExactlyItsId() {
        WhereToEatClient ann = live.connect();

        CompletableFuture<JsonNode> numbered = ann.request(JSON.createObjectNode().put("type", "snapshot").put("id", 1));
        CompletableFuture<JsonNode> named = ann.request(JSON.createObjectNode().put("type", "join").put("id", "1")
                .put("area", "office-3f").put("name", "Ann"));

        assertThatThrownBy(() -> result(numbered, WAIT)).isInstanceOfSatisfying(ErrorReplyException.class,
                e -> assertThat(e.wireCode()).isEqualTo("not-joined"));
        assertThat(result(named, WAIT).at("/you/name").asText()).isEqualTo("Ann");
    }

    @Test
    void aRequestAnsweredUnavailableIsSentAgainUntilItGoesThrough() {
        WhereToEatClient ann = live.connect(WhereToEatClient.to(live.uri()));
        result(ann.join("office-3f", "Ann"), WAIT);
        live.store.simulate(Fault.DOWN);

        CompletableFuture<Vote> vote = ann.vote(Sample.NOODLES);
        awaitMessage(ann, "unavailable");
        live.store.simulate(Fault.NONE);

        assertThat(result(vote, WAIT).venue()).isEqualTo(Sample.NOODLES);
        assertThat(result(live.app.snapshot(AreaName.of("office-3f"))).tally().votesFor(Sample.NOODLES.id())).isEqualTo(1);
    }

    @Test
    void withoutRetriesTheFirstUnavailableIsTheAnswer() {
        WhereToEatClient ann = live.connect(WhereToEatClient.to(live.uri()).retries(0));
        result(ann.join("office-3f", "Ann"), WAIT);
        live.store.simulate(Fault.DOWN);

        assertThatThrownBy(() -> result(ann.vote(Sample.NOODLES), WAIT)).isInstanceOfSatisfying(ErrorReplyException.class,
                error -> assertThat(error.wireCode()).isEqualTo("unavailable"));
    }

    private static void awaitMessage(WhereToEatClient client, String code) {
        client.awaitMessage(message -> message.path("code").asText().equals(code), WAIT);
    }

    @Test
    void aClientKeepsOnlyTheLatestMessages() {
        WhereToEatClient ann = live.connect(WhereToEatClient.to(live.uri()).keepMessages(3));
        result(ann.join("office-3f", "Ann"), WAIT);

        for (int i = 0; i < 5; i++) {
            result(ann.snapshot(), WAIT);
        }

        assertThat(ann.messages()).hasSize(3).allSatisfy(message -> assertThat(message.path("type").asText()).isEqualTo("ack"));
        assertThat(ann.messages().get(2).path("id").asText()).isEqualTo("6");
    }

    @Test
    void expiriesReachTheClientsListenersAsEvents() throws Exception {
        LinkedBlockingQueue<AreaEvent> heard = new LinkedBlockingQueue<>();
        WhereToEatClient bob = live.connect(WhereToEatClient.to(live.uri()).onEvent(heard::add));
        WhereToEatClient ann = live.connect();
        result(bob.join("office-3f", "Bob"), WAIT);
        result(ann.join("office-3f", "Ann"), WAIT);
        result(ann.vote("Pizza Place"), WAIT);
        assertThat(heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(AreaEvent.MemberJoined.class);
        assertThat(heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(AreaEvent.VoteCast.class);

        live.clock.advance(Duration.ofHours(2));
        AreaEvent vote = heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        live.clock.advance(Duration.ofHours(2));
        AreaEvent members = heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(vote).isInstanceOfSatisfying(AreaEvent.VoteExpired.class,
                expired -> assertThat(expired.venue().value()).isEqualTo("custom:pizza-place"));
        assertThat(members).isInstanceOfSatisfying(AreaEvent.MemberExpired.class,
                expired -> assertThat(expired.name().value()).isEqualTo("Bob"));
        assertThat(heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(AreaEvent.MemberExpired.class);
        assertThat(bob.lastSeq()).isEqualTo(6);
    }
}
