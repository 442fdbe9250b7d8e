package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.contract.Sample;
import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Username;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the original app's socket tests covered, over real sockets. */
class LiveVotingTest {
    private final LiveArea live = new LiveArea();

    @AfterEach
    void stop() {
        live.close();
    }

    static Predicate<JsonNode> ofType(String type) {
        return message -> message.path("type").asText().equals(type);
    }

    @Test
    void joiningRecordsTheMember() {
        WhereToEatClient ann = live.connect();

        Joined joined = result(ann.join("office-3f", "Ann"), WAIT);

        assertThat(joined.you().name()).isEqualTo(Username.of("Ann"));
        assertThat(joined.snapshot().hasMember(Username.of("Ann"))).isTrue();
        assertThat(result(live.app.snapshot(AreaName.of("office-3f"))).hasMember(Username.of("Ann"))).isTrue();
    }

    @Test
    void aVoteReachesTheVoterAndEveryOtherMemberOfTheArea() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient bob = live.joined("office-3f", "Bob");
        WhereToEatClient cem = live.joined("office-3f", "Cem");

        result(ann.vote(Sample.NOODLES), WAIT);

        for (WhereToEatClient member : new WhereToEatClient[] {ann, bob, cem}) {
            JsonNode cast = member.awaitMessage(ofType("vote-cast"), WAIT);
            assertThat(cast.at("/vote/voter").asText()).isEqualTo("Ann");
            assertThat(cast.at("/vote/venue/id").asText()).isEqualTo("example:noodle-bar");
        }
    }

    @Test
    void aMemberOfAnotherAreaReceivesNothing() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient zoe = live.joined("office-4f", "Zoë");
        int before = zoe.messages().size();

        result(ann.vote(Sample.NOODLES), WAIT);
        ann.awaitMessage(ofType("vote-cast"), WAIT);
        // A marker in Zoë's own area: everything sent to her before it has arrived by then.
        result(zoe.vote(Sample.TACOS), WAIT);
        zoe.awaitMessage(ofType("vote-cast"), WAIT);

        assertThat(zoe.messages().subList(before, zoe.messages().size()))
                .noneMatch(message -> message.path("area").asText().equals("office-3f"))
                .noneMatch(message -> message.toString().contains("noodle"));
    }

    @Test
    void aJoinerReceivesTheCurrentVotes() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        result(ann.vote(Sample.NOODLES), WAIT);

        Joined bob = result(live.connect().join("office-3f", "Bob"), WAIT);

        assertThat(bob.snapshot().voteOf(Username.of("Ann"))).hasValueSatisfying(
                vote -> assertThat(vote.venue().id()).isEqualTo(Sample.NOODLES.id()));
        assertThat(bob.snapshot().tally().votesFor(Sample.NOODLES.id())).isEqualTo(1);
    }

    @Test
    void aClosedConnectionLeavesItsMember() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient bob = live.joined("office-3f", "Bob");

        bob.close();
        live.passPresenceGrace(1);

        JsonNode left = ann.awaitMessage(ofType("member-left"), WAIT);
        assertThat(left.path("name").asText()).isEqualTo("Bob");
        assertThat(result(live.app.snapshot(AreaName.of("office-3f"))).hasMember(Username.of("Bob"))).isFalse();
    }

    @Test
    void aJoinWhoseAnswerWasLostDoesNotLeaveAMemberBehindForHours() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient bob = live.connect();
        live.store.simulate(Fault.LOST_ANSWER);
        assertThatThrownBy(() -> result(bob.join("office-3f", "Bob"), WAIT)).isInstanceOfSatisfying(
                ErrorReplyException.class, error -> assertThat(error.wireCode()).isEqualTo("unavailable"));
        live.store.simulate(Fault.NONE);
        assertThat(result(live.app.snapshot(AreaName.of("office-3f"))).hasMember(Username.of("Bob")))
                .as("the join went through").isTrue();

        live.passPresenceGrace(2);

        assertThat(ann.awaitMessage(m -> ofType("member-left").test(m) && m.path("name").asText().equals("Bob"), WAIT))
                .isNotNull();
    }

    @Test
    void aSecondConnectionOfTheSameSessionKeepsTheMemberWhenOneCloses() {
        WhereToEatClient tab1 = live.joined("office-3f", "Ann");
        WhereToEatClient tab2 = live.connect(WhereToEatClient.to(live.uri()).session(tab1.session()));
        result(tab2.join("office-3f", "Ann"), WAIT);
        WhereToEatClient bob = live.joined("office-3f", "Bob");

        tab1.close();
        tab1.awaitClose(WAIT);
        result(bob.vote(Sample.TACOS), WAIT);

        tab2.awaitMessage(ofType("vote-cast"), WAIT);
        assertThat(result(live.app.snapshot(AreaName.of("office-3f"))).hasMember(Username.of("Ann"))).isTrue();
    }

    @Test
    void withTheStoreDownJoinVoteAndSnapshotEachAnswerUnavailable() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient bob = live.connect();
        live.store.simulate(Fault.DOWN);

        assertUnavailable(bob.join("office-3f", "Bob"), "joining");
        assertUnavailable(ann.vote(Sample.NOODLES), "adding your vote!");
        assertUnavailable(ann.snapshot(), "loading the votes");
    }

    @Test
    void withTheStoreHungJoinVoteAndSnapshotAnswerUnavailableWithinTheTimeout() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient bob = live.connect();
        live.store.simulate(Fault.HUNG);

        assertUnavailable(bob.join("office-3f", "Bob"), "joining");
        assertUnavailable(ann.vote(Sample.NOODLES), "adding your vote!");
        assertUnavailable(ann.snapshot(), "loading the votes");
    }

    @Test
    void aStoreThatHangsDoesNotFreezeOtherConnections() {
        // A core timeout well beyond what the other connections take, so that Ann still waits after them.
        try (LiveArea patient = new LiveArea(LiveArea.Delivery.AT_ONCE, Duration.ofSeconds(3), settings -> settings)) {
            WhereToEatClient ann = patient.joined("office-3f", "Ann");
            patient.store.simulate(Fault.HUNG);
            CompletableFuture<AreaSnapshot> stuck = ann.snapshot();

            // Other connections keep being served while Ann's request waits on storage.
            for (int i = 0; i < 5; i++) {
                WhereToEatClient other = patient.connect();
                assertThatThrownBy(() -> result(other.vote(Sample.NOODLES), Duration.ofSeconds(1)))
                        .isInstanceOf(ErrorReplyException.class)
                        .extracting(e -> ((ErrorReplyException) e).code()).isEqualTo(ErrorCode.NOT_JOINED);
            }
            assertThat(stuck).isNotDone();
            assertThatThrownBy(() -> result(stuck, Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(ErrorReplyException.class, error -> assertThat(error.wireCode()).isEqualTo("unavailable"));
        }
    }

    private static void assertUnavailable(CompletableFuture<?> reply, String sentence) {
        assertThatThrownBy(() -> result(reply, WAIT))
                .isInstanceOfSatisfying(ErrorReplyException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(error.wireCode()).isEqualTo("unavailable");
                    assertThat(error.getMessage()).contains(sentence);
                });
    }
}
