package com.wheretoeat.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.contract.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many members acting at once: every request is answered and every member sees every event, in order. */
class ConcurrencyTest {
    private static final int MEMBERS = 8;
    private static final int VOTES_EACH = 25;
    private final LiveArea live = new LiveArea();

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void membersVotingAtOnceAllGetAnswersAndSeeEveryEventInSequence() throws Exception {
        List<WhereToEatClient> members = new ArrayList<>();
        List<List<Long>> seen = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            List<Long> sequence = new CopyOnWriteArrayList<>();
            WhereToEatClient member = live.connect(WhereToEatClient.to(live.uri()).onEvent(event -> sequence.add(event.seq())));
            member.join("office-3f", "Member " + i).get(5, TimeUnit.SECONDS);
            members.add(member);
            seen.add(sequence);
        }
        long start = members.get(MEMBERS - 1).lastSeq();

        List<CompletableFuture<?>> replies = new ArrayList<>();
        for (int round = 0; round < VOTES_EACH; round++) {
            for (WhereToEatClient member : members) {
                replies.add(member.vote(round % 2 == 0 ? Sample.NOODLES : Sample.TACOS));
            }
        }
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        long end = start + (long) MEMBERS * VOTES_EACH;
        for (int i = 0; i < MEMBERS; i++) {
            WhereToEatClient member = members.get(i);
            member.awaitMessage(m -> m.path("seq").asLong() == end && m.has("area"), Duration.ofSeconds(10));
            List<Long> after = seen.get(i).stream().filter(seq -> seq > start).toList();
            assertThat(after).as("what member %d saw", i).isSorted().doesNotHaveDuplicates().hasSize(MEMBERS * VOTES_EACH);
        }
        assertThat(members).allSatisfy(member -> assertThat(member.isOpen()).isTrue());
    }
}
