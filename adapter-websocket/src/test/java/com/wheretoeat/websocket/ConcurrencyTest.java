package com.wheretoeat.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.contract.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import com.wheretoeat.websocket.LiveArea.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Many members acting at once: every request is answered and every member sees every event, in order. */
@ParameterizedClass
@EnumSource(Delivery.class)
class ConcurrencyTest {
    private static final int MEMBERS = 8;
    private static final int VOTES_EACH = 25;
    private final LiveArea live;

    ConcurrencyTest(Delivery delivery) {
        this.live = new LiveArea(delivery, LiveArea.PATIENT_CORE_TIMEOUT, settings -> settings);
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void membersVotingAtOnceAllGetAnswersAndSeeEveryEventInSequence() throws Exception {
        List<WhereToEatClient> members = new ArrayList<>();
        List<List<Long>> seen = new ArrayList<>();
        List<Long> joinedAt = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            List<Long> sequence = new CopyOnWriteArrayList<>();
            WhereToEatClient member = live.connect(WhereToEatClient.to(live.uri()).onEvent(event -> sequence.add(event.seq())));
            joinedAt.add(member.join("office-3f", "Member " + i).get(5, TimeUnit.SECONDS).snapshot().seq());
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
            // Everything after the snapshot of its join, once each, in order: the later arrivals and every vote.
            assertThat(seen.get(i)).as("what member %d saw", i)
                    .containsExactlyElementsOf(LongStream.rangeClosed(joinedAt.get(i) + 1, end).boxed().toList());
        }
        assertThat(members).allSatisfy(member -> assertThat(member.isOpen()).isTrue());
    }
}
