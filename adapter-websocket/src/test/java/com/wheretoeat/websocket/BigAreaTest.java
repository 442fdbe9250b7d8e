package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static com.wheretoeat.websocket.LiveVotingTest.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.contract.Sample;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaEvent.PresenceBatch;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.Username;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A company-wide area over the live protocol: a join's ack holds a page of members and their count,
 * {@code members} gives the rest, and joins come as {@code presence} batches.
 */
class BigAreaTest {
    private static final AreaName OFFICE = AreaName.of("office-3f");
    private final LiveArea live = new LiveArea();

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aJoinsAckHoldsTheFirstPageAndTheCountAndTheRestComesPageByPage() {
        seat(2 * AreaSnapshot.MEMBER_PAGE + 20);
        WhereToEatClient ann = live.connect();

        Joined joined = result(ann.join("office-3f", "Ann"), WAIT);
        List<Member> everyone = new ArrayList<>(joined.snapshot().members());
        MemberPage page;
        do {
            page = result(ann.members(everyone.get(everyone.size() - 1).seq()), WAIT);
            everyone.addAll(page.members());
        } while (page.more());

        assertThat(joined.snapshot().members()).hasSize(AreaSnapshot.MEMBER_PAGE);
        assertThat(joined.snapshot().memberCount()).isEqualTo(2 * AreaSnapshot.MEMBER_PAGE + 21);
        assertThat(everyone).hasSize(joined.snapshot().memberCount()).extracting(m -> m.name().value())
                .doesNotHaveDuplicates().endsWith("Ann");
        assertThat(joined.you().name().value()).isEqualTo("Ann");
    }

    @Test
    void aWatcherMayAskForPagesAndABadCursorIsABadRequest() {
        seat(3);
        WhereToEatClient visitor = live.connect();
        result(visitor.watch("office-3f"), WAIT);

        MemberPage page = result(visitor.members(0), WAIT);
        visitor.sendRaw("{\"type\":\"members\",\"id\":\"x\",\"after\":-1}");

        assertThat(page.members()).hasSize(3);
        assertThat(page.more()).isFalse();
        JsonNode refused = visitor.awaitMessage(m -> m.path("id").asText().equals("x"), WAIT);
        assertThat(refused.path("code").asText()).isEqualTo("bad-request");
        assertThat(refused.path("field").asText()).isEqualTo("after");
    }

    @Test
    void joinsInABigAreaArriveAsPresenceBatchesInOrderWithTheVotes() {
        seat(PresenceBatch.BATCHED_ABOVE);
        WhereToEatClient ann = live.connect();
        List<AreaEvent> heard = new CopyOnWriteArrayList<>();
        ann.onEvent(heard::add);
        result(ann.join("office-3f", "Ann"), WAIT);

        WhereToEatClient bob = live.joined("office-3f", "Bob");
        WhereToEatClient carol = live.joined("office-3f", "Carol");
        result(bob.vote(Sample.NOODLES), WAIT);
        WhereToEatClient dan = live.joined("office-3f", "Dan");
        live.clock.advance(Duration.ofMillis(PresenceBatch.BATCH_INTERVAL_MILLIS));
        ann.awaitMessage(m -> ofType("presence").test(m) && m.path("memberCount").asInt() == PresenceBatch.BATCHED_ABOVE + 4, WAIT);

        assertThat(heard).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("PresenceBatch", "VoteCast", "PresenceBatch");
        PresenceBatch first = (PresenceBatch) heard.get(0);
        assertThat(first.joined()).extracting(Username::value).containsExactly("Bob", "Carol");
        assertThat(first.memberCount()).isEqualTo(PresenceBatch.BATCHED_ABOVE + 3);
        assertThat(heard).extracting(AreaEvent::seq).isSorted();
        assertThat(ann.lastSeq()).isEqualTo(result(live.app.snapshot(OFFICE)).seq());
        assertThat(ann.messages()).as("no member-joined one by one").noneMatch(ofType("member-joined"));
        List.of(bob, carol, dan).forEach(WhereToEatClient::close);
    }

    /** {@code count} members who joined through the core, without connections of their own. */
    private void seat(int count) {
        for (int i = 0; i < count; i++) {
            result(live.app.join(result(live.app.startSession()), OFFICE, Username.of("Member " + i)));
        }
    }
}
