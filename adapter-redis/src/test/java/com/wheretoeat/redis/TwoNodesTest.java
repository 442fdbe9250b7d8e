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
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.port.Subscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two adapters on one Redis are two app nodes: events cross over, but only to areas a node serves. */
class TwoNodesTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final AreaName office = AreaName.of("office");
    private final AreaName lab = AreaName.of("lab");
    private RedisAdapters north;
    private RedisAdapters south;

    @BeforeEach
    void startNodes() {
        RedisSettings shared = REDIS.freshSettings();
        north = RedisAdapters.connect(shared);
        south = RedisAdapters.connect(shared);
    }

    @AfterEach
    void stopNodes() {
        north.close();
        south.close();
    }

    private long subscribers(AreaName area) {
        try {
            String channel = north.settings().keyPrefix() + ":area:{" + area.value() + "}:events";
            return Long.parseLong(REDIS.command("PUBSUB", "NUMSUB", channel).split("\n")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anEventMadeOnOneNodeReachesASubscriberOfTheOther() {
        RecordingListener onSouth = new RecordingListener();
        result(south.areaEvents().subscribe(office, onSouth));
        SessionId ann = session();

        result(north.areaStore().join(office, ann, name("Ann"), Instant.now(), Lifetimes.DEFAULT));
        result(north.areaStore().vote(office, ann, TRATTORIA, Instant.now(), Lifetimes.DEFAULT));

        assertThat(onSouth.next(2)).extracting(AreaEvent::seq).containsExactly(1L, 2L);
    }

    @Test
    void aNodeReceivesOnlyTheAreasItServes() {
        RecordingListener officeOnNorth = new RecordingListener();
        RecordingListener labOnSouth = new RecordingListener();
        result(north.areaEvents().subscribe(office, officeOnNorth));
        result(south.areaEvents().subscribe(lab, labOnSouth));

        result(north.areaStore().join(lab, session(), name("Ann"), Instant.now(), Lifetimes.DEFAULT));

        assertThat(labOnSouth.next(AreaEvent.MemberJoined.class).area()).isEqualTo(lab);
        assertThat(north.areaEvents()).isInstanceOfSatisfying(RedisAreaEvents.class,
                events -> assertThat(events.servedAreas()).containsExactly(office));
        assertThat(subscribers(office)).as("only north serves the office").isEqualTo(1);
        assertThat(subscribers(lab)).as("only south serves the lab").isEqualTo(1);
    }

    @Test
    void aNodeUnsubscribesWhenItsLastLocalListenerLeaves() {
        Subscription first = result(south.areaEvents().subscribe(office, new RecordingListener()));
        Subscription second = result(south.areaEvents().subscribe(office, new RecordingListener()));
        assertThat(subscribers(office)).as("one channel subscription per node, however many listeners").isEqualTo(1);

        first.close();
        // The Pub/Sub connection handles commands in order: once this later SUBSCRIBE is
        // confirmed, an UNSUBSCRIBE the close might have sent has been handled too.
        result(south.areaEvents().subscribe(lab, new RecordingListener()));
        assertThat(subscribers(office)).as("a listener remains, so south still serves the office").isEqualTo(1);
        second.close();

        Poll.until("south unsubscribed from the office", Duration.ofSeconds(5), () -> subscribers(office) == 0);
        assertThat(south.areaEvents()).isInstanceOfSatisfying(RedisAreaEvents.class,
                events -> assertThat(events.servedAreas()).containsExactly(lab));
    }

    @Test
    void anExpiringVoteIsAnnouncedExactlyOnceToListenersOnBothNodes() {
        ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        WhereToEat northApp = WhereToEat.builder().areas(north.areaStore(), north.areaEvents()).clock(clock).build();
        WhereToEat southApp = WhereToEat.builder().areas(south.areaStore(), south.areaEvents()).clock(clock).build();
        SessionId ann = session();
        result(north.areaStore().join(office, ann, name("Ann"), clock.now(), Lifetimes.DEFAULT));
        result(north.areaStore().vote(office, ann, TRATTORIA, clock.now(), Lifetimes.DEFAULT));
        RecordingListener onNorth = new RecordingListener();
        RecordingListener onSouth = new RecordingListener();
        result(northApp.subscribe(office, onNorth));
        result(southApp.subscribe(office, onSouth));

        // Each node first asks Redis when the next expiry is; over the network the answer comes later.
        clock.advance(Duration.ZERO);
        Poll.until("both nodes wait for the vote's expiry", Duration.ofSeconds(5), () -> clock.pendingTasks() == 2);
        clock.advance(Lifetimes.DEFAULT.vote());

        for (RecordingListener listener : List.of(onNorth, onSouth)) {
            AreaEvent.VoteExpired expired = listener.next(AreaEvent.VoteExpired.class);
            assertThat(expired.seq()).isEqualTo(3);
            assertThat(expired.voter()).isEqualTo(name("Ann"));
        }
        onNorth.assertNothingWithin(Duration.ofMillis(300));
        onSouth.assertNothingWithin(Duration.ZERO);
        assertThat(result(north.areaEvents().since(office, 2))).hasValueSatisfying(events ->
                assertThat(events).as("one announcement in the log").hasSize(1));
    }
}
