package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static com.wheretoeat.websocket.LiveVotingTest.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wheretoeat.core.contract.Sample;
import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.websocket.LiveArea.Delivery;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who a connection is: the session of the handshake, or a new one given in the hello. */
class IdentityTest {
    private final LiveArea live = new LiveArea();

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aConnectionWithoutASessionIsGivenOneByItsFirstJoin() {
        WhereToEatClient ann = live.connect();

        JsonNode hello = ann.messages().get(0);
        assertThat(hello.path("type").asText()).isEqualTo("hello");
        assertThat(hello.has("session")).as("connecting starts no session").isFalse();
        assertThat(ann.session()).isNull();

        result(ann.join("office-3f", "Ann"), WAIT);

        assertThat(ann.session()).isEqualTo("session-0000000000000001");
        assertThat(result(live.app.resumeSession(ann.session()))).isPresent();
    }

    @Test
    void aTokenInTheQueryStringIsTheSameSessionAndIsNotIssuedAgain() {
        WhereToEatClient first = live.joined("office-3f", "Ann");

        WhereToEatClient again = live.connect(WhereToEatClient.to(live.uri()).session(first.session()));

        assertThat(again.messages().get(0).has("session")).isFalse();
        assertThat(result(again.join("office-3f", "Ann"), WAIT).you().name().value()).isEqualTo("Ann");
    }

    @Test
    void theSessionCookieOfTheHttpSideIsTheSameSession() {
        WhereToEatClient first = live.joined("office-3f", "Ann");

        WhereToEatClient browser = live.connect(WhereToEatClient.to(live.uri())
                .header("Cookie", "theme=dark; wte_session=" + first.session() + "; lang=en"));

        assertThat(browser.messages().get(0).has("session")).isFalse();
        assertThat(result(browser.join("office-3f", "Ann"), WAIT).you().name().value()).isEqualTo("Ann");
    }

    @Test
    void theCookieNameIsASetting() {
        try (LiveArea other = new LiveArea(settings -> settings.sessionCookie("lunch"))) {
            WhereToEatClient first = other.joined("office-3f", "Ann");

            WhereToEatClient browser = other.connect(WhereToEatClient.to(other.uri()).header("Cookie", "lunch=" + first.session()));

            assertThat(browser.messages().get(0).has("session")).isFalse();
        }
    }

    @Test
    void anUnknownOrMalformedTokenIsReplacedByANewSessionAtTheFirstJoin() {
        WhereToEatClient unknown = live.connect(WhereToEatClient.to(live.uri()).retries(0).session("session-9999999999999999"));
        WhereToEatClient malformed = live.connect(WhereToEatClient.to(live.uri()).retries(0).header("Cookie", "wte_session=<script>"));
        assertThat(live.sessions.count()).isZero();

        result(unknown.join("office-3f", "Ann"), WAIT);
        result(malformed.join("office-3f", "Bob"), WAIT);

        assertThat(unknown.session()).isNotEqualTo("session-9999999999999999").startsWith("session-");
        assertThat(malformed.session()).startsWith("session-").isNotEqualTo(unknown.session());
    }

    @Test
    void aNameBelongsToItsSession() {
        live.joined("office-3f", "Ann");
        WhereToEatClient impostor = live.connect();

        assertThatThrownBy(() -> result(impostor.join("office-3f", "Ann"), WAIT))
                .isInstanceOfSatisfying(ErrorReplyException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NAME_TAKEN);
                    assertThat(e.getMessage()).contains("already taken");
                });
    }

    @Test
    void nobodyCanVoteRetractOrLeaveAsSomeoneElse() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        result(ann.vote(Sample.NOODLES), WAIT);
        WhereToEatClient bob = live.joined("office-3f", "Bob");

        ObjectMapper json = new ObjectMapper();
        // Fields naming someone else are not part of the protocol: a request acts for its connection's member.
        JsonNode vote = result(bob.request(json.createObjectNode().put("type", "vote").put("voter", "Ann").put("venue", "Taco Stand")), WAIT);
        result(bob.request(json.createObjectNode().put("type", "retract").put("name", "Ann")), WAIT);
        result(bob.request(json.createObjectNode().put("type", "leave").put("name", "Ann")), WAIT);

        assertThat(vote.at("/vote/voter").asText()).isEqualTo("Bob");
        var snapshot = result(live.app.snapshot(AreaName.of("office-3f")));
        assertThat(snapshot.hasMember(Username.of("Ann"))).isTrue();
        assertThat(snapshot.hasMember(Username.of("Bob"))).isFalse();
        assertThat(snapshot.voteOf(Username.of("Ann")).map(Vote::venue)).contains(Sample.NOODLES);
        // Bob's retract took back his own vote, the only one he has.
        Optional<Vote> bobs = snapshot.voteOf(Username.of("Bob"));
        assertThat(bobs).isEmpty();
    }

    @Test
    void whenTheSessionBroughtCannotBeCheckedTheConnectionIsToldAndClosed() {
        String token = live.joined("office-3f", "Ann").session();
        live.sessions.simulate(Fault.DOWN);
        WhereToEatClient.Connector connector = WhereToEatClient.to(live.uri()).session(token);

        assertThatThrownBy(() -> result(connector.connect(), WAIT)).hasMessageContaining("1013");
    }

    @Test
    void withoutASessionConnectingNeedsNoStoreButAJoinWhileItIsDownIsUnavailable() {
        live.sessions.simulate(Fault.DOWN);
        WhereToEatClient visitor = live.connect();

        result(visitor.watch("office-3f"), WAIT);

        assertThatThrownBy(() -> result(visitor.join("office-3f", "Ann"), WAIT))
                .isInstanceOfSatisfying(ErrorReplyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(visitor.isOpen()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void theJoinersOwnArrivalIsInItsSnapshotAndOthersGetAnEvent(Delivery delivery) {
        try (LiveArea area = new LiveArea(delivery)) {
            WhereToEatClient ann = area.joined("office-3f", "Ann");
            WhereToEatClient bob = area.joined("office-3f", "Bob");

            result(ann.vote(Sample.NOODLES), WAIT);
            // Events reach a connection in order: once the vote is there, Bob's arrival would be too.
            bob.awaitMessage(ofType("vote-cast"), WAIT);
            ann.awaitMessage(ofType("vote-cast"), WAIT);

            assertThat(ann.messages()).filteredOn(ofType("member-joined")).singleElement()
                    .satisfies(joined -> assertThat(joined.at("/member/name").asText()).isEqualTo("Bob"));
            assertThat(bob.messages()).noneMatch(ofType("member-joined"));
            assertThat(eventSeqs(ann)).containsExactly(2L, 3L);
            assertThat(eventSeqs(bob)).containsExactly(3L);
        }
    }

    /** The sequence numbers of the area events a client received, in the order received. */
    static List<Long> eventSeqs(WhereToEatClient client) {
        return client.messages().stream().filter(m -> m.has("area") && m.has("seq") && !ofType("reset").test(m))
                .map(m -> m.path("seq").asLong()).toList();
    }
}
