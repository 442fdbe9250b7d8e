package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.contract.RecordingListener;
import com.wheretoeat.core.memory.ManualClock;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deadline decides its round exactly once, whichever app node's expiry watch finds it due: both
 * nodes check it and one decides, and a node that went away before the deadline leaves it to the other.
 */
class TwoNodesDeadlineTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Lifetimes LIFETIMES = Lifetimes.DEFAULT;

    private final AreaName office = AreaName.of("office");
    private final List<RedisAdapters> open = new ArrayList<>();
    private RedisSettings shared;

    @BeforeEach
    void shareOneRedis() {
        shared = REDIS.freshSettings();
    }

    @AfterEach
    void closeNodes() {
        open.forEach(RedisAdapters::close);
    }

    private RedisAdapters node() {
        RedisAdapters adapters = RedisAdapters.connect(shared);
        open.add(adapters);
        return adapters;
    }

    private static List<AreaEvent> decided(List<AreaEvent> events) {
        return events.stream().filter(AreaEvent.RoundDecided.class::isInstance).toList();
    }

    @Test
    void whenBothNodesCheckTheDeadlineTheRoundIsDecidedOnce() {
        RedisAdapters north = node();
        RedisAdapters south = node();
        ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        WhereToEat northApp = WhereToEat.builder().areas(north.areaStore(), north.areaEvents()).clock(clock).build();
        WhereToEat southApp = WhereToEat.builder().areas(south.areaStore(), south.areaEvents()).clock(clock).build();
        SessionId ann = session();
        result(northApp.join(ann, office, name("Ann")));
        result(north.areaStore().vote(office, ann, TRATTORIA, clock.now(), LIFETIMES));
        RecordingListener onNorth = new RecordingListener();
        RecordingListener onSouth = new RecordingListener();
        result(northApp.subscribe(office, onNorth));
        result(southApp.subscribe(office, onSouth));
        clock.advance(Duration.ZERO);
        Poll.until("both nodes wait for the vote's expiry", Duration.ofSeconds(5), () -> clock.pendingTasks() == 2);

        Round round = result(northApp.setDeadlineIn(ann, office, Duration.ofMinutes(10)));
        for (RecordingListener listener : List.of(onNorth, onSouth)) {
            assertThat(listener.next(AreaEvent.DeadlineSet.class).deadline()).isEqualTo(round.deadline());
        }
        clock.advance(Duration.ofMinutes(10));

        for (RecordingListener listener : List.of(onNorth, onSouth)) {
            Decision decision = listener.next(AreaEvent.RoundDecided.class).decision();
            assertThat(decision.decidedAt()).isEqualTo(round.deadline());
            assertThat(decision.decidedBy()).as("the deadline decided").isNull();
        }
        onNorth.assertNothingWithin(Duration.ofMillis(300));
        onSouth.assertNothingWithin(Duration.ZERO);
        assertThat(decided(result(south.areaEvents().since(office, 0)).orElseThrow())).hasSize(1);
        assertThat(result(southApp.history(office))).hasSize(1);
    }

    @Test
    void aDeadlineSetThroughANodeThatWentAwayIsDecidedOnceByTheNodeStillFollowing() {
        RedisAdapters a = node();
        RedisAdapters b = node();
        WhereToEat nodeA = WhereToEat.builder().areas(a.areaStore(), a.areaEvents()).sessions(a.sessions()).build();
        WhereToEat nodeB = WhereToEat.builder().areas(b.areaStore(), b.areaEvents()).sessions(b.sessions()).build();
        SessionId ann = session();
        result(nodeA.join(ann, office, name("Ann")));
        result(a.areaStore().vote(office, ann, TRATTORIA, Instant.now(), LIFETIMES));
        RecordingListener onA = new RecordingListener();
        RecordingListener onB = new RecordingListener();
        result(nodeA.subscribe(office, onA));
        result(nodeB.subscribe(office, onB));

        Round round = result(nodeA.setDeadlineIn(ann, office, Duration.ofSeconds(2)));
        assertThat(onB.next(AreaEvent.DeadlineSet.class).deadline()).isEqualTo(round.deadline());
        // Node A goes away at once, its subscription and expiry watch with it: nothing is unsubscribed or said.
        a.close();
        open.remove(a);
        assertThat(Instant.now()).as("node A is gone before the deadline").isBefore(round.deadline());

        AreaEvent.RoundDecided decided = (AreaEvent.RoundDecided) onB.next(Duration.ofSeconds(10));
        assertThat(decided.at()).as("decided when the deadline came").isAfterOrEqualTo(round.deadline());
        assertThat(decided.decision().decidedAt()).isEqualTo(round.deadline());
        assertThat(decided.decision().winners()).containsExactly(TRATTORIA);
        onB.assertNothingWithin(Duration.ofMillis(500));
        List<AreaEvent> logged = result(b.areaEvents().since(office, 0)).orElseThrow();
        assertThat(decided(logged)).as("one decision in the log").containsExactly(decided);
        assertThat(result(nodeB.history(office))).containsExactly(decided.decision());
        assertThat(result(nodeB.snapshot(office)).round()).isEqualTo(new Round(2, null, null, decided.decision()));
    }
}
