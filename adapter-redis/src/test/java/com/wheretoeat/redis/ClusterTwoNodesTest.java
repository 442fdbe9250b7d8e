package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TACOS;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Vote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two app nodes on one Redis Cluster: an area's events travel over its shard only, and when the
 * master holding the area is killed and started again, the acknowledged vote is still there
 * (AOF) and events flow again, after the follower was told to catch up.
 */
class ClusterTwoNodesTest {
    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private final AreaName office = AreaName.of("office");
    private RedisAdapters north;
    private RedisAdapters south;

    @BeforeEach
    void startNodes() {
        RedisSettings shared = CLUSTER.freshSettings().withCommandTimeout(Duration.ofSeconds(1));
        north = RedisAdapters.connect(shared);
        south = RedisAdapters.connect(shared);
    }

    @AfterEach
    void stopNodes() {
        north.close();
        south.close();
    }

    private String channel(AreaName area) {
        return north.settings().keyPrefix() + ":area:{" + area.value() + "}:events";
    }

    private long shardSubscribers(int port, String channel) {
        try {
            return Long.parseLong(CLUSTER.command(port, "PUBSUB", "SHARDNUMSUB", channel).split("\n")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aNewNodesFirstCommandsToEachMasterAreAnsweredEvenAllAtOnce() {
        // Areas spread over the three masters, none touched by this node before, all asked at once.
        List<CompletableFuture<Joined>> joins = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            joins.add(south.areaStore().join(AreaName.of("first-touch-" + i), session(), name("Ann"), Instant.now(),
                    Lifetimes.DEFAULT).toCompletableFuture());
        }

        assertThat(joins).allSatisfy(join -> assertThat(result(join).you().name()).isEqualTo(name("Ann")));
    }

    @Test
    void anEventMadeOnOneNodeReachesTheOtherOverTheAreasShardOnly() throws Exception {
        ResumeRecorder onNorth = new ResumeRecorder();
        result(north.areaEvents().subscribe(office, onNorth));
        SessionId ann = session();

        result(south.areaStore().join(office, ann, name("Ann"), Instant.now(), Lifetimes.DEFAULT));
        result(south.areaStore().vote(office, ann, TRATTORIA, Instant.now(), Lifetimes.DEFAULT));

        assertThat(((AreaEvent) onNorth.next(RECOVERY)).seq()).isEqualTo(1);
        assertThat(onNorth.next(RECOVERY)).isInstanceOfSatisfying(AreaEvent.VoteCast.class, cast -> assertThat(cast.seq()).isEqualTo(2));
        int master = CLUSTER.masterOf(channel(office));
        assertThat(shardSubscribers(master, channel(office))).as("north listens on the area's master").isEqualTo(1);
        for (int other : CLUSTER.masters()) {
            if (other != master) {
                assertThat(shardSubscribers(other, channel(office))).as("nobody listens on master %d", other).isZero();
            }
        }
        assertThat(CLUSTER.command(master, "PUBSUB", "NUMSUB", channel(office))).as("no classic subscription")
                .isEqualTo(channel(office) + "\n0\n");
    }

    @Test
    void aRestartedMasterKeepsTheAcknowledgedVoteAndEventsFlowAgain() throws Exception {
        ResumeRecorder onNorth = new ResumeRecorder();
        result(north.areaEvents().subscribe(office, onNorth));
        SessionId ann = session();
        result(south.areaStore().join(office, ann, name("Ann"), Instant.now(), Lifetimes.DEFAULT));
        Vote acknowledged = result(south.areaStore().vote(office, ann, TRATTORIA, Instant.now(), Lifetimes.DEFAULT));
        assertThat(onNorth.next(RECOVERY)).isInstanceOf(AreaEvent.MemberJoined.class);
        assertThat(onNorth.next(RECOVERY)).isInstanceOf(AreaEvent.VoteCast.class);
        int master = CLUSTER.masterOf(channel(office));

        CLUSTER.kill(master);
        assertThatThrownBy(() -> result(south.areaStore().vote(office, ann, NOODLES, Instant.now(), Lifetimes.DEFAULT)))
                .as("the area's master is down").isInstanceOf(RuntimeException.class);
        CLUSTER.restart(master);

        Poll.until("south reaches the restarted master", RECOVERY, () -> succeeds(() ->
                result(south.areaStore().snapshot(office, Instant.now()))));
        assertThat(result(south.areaStore().snapshot(office, Instant.now())).votes())
                .as("the vote acknowledged before the kill is still there").containsExactly(acknowledged);
        assertThat(onNorth.next(RECOVERY)).as("north is told to catch up").isEqualTo("resumed");
        Poll.until("south can vote again", RECOVERY, () -> succeeds(() ->
                result(south.areaStore().vote(office, ann, TACOS, Instant.now(), Lifetimes.DEFAULT))));
        assertThat(onNorth.nextEvent(RECOVERY)).isInstanceOfSatisfying(AreaEvent.VoteMoved.class,
                moved -> assertThat(moved.seq()).isEqualTo(acknowledged.seq() + 1));
    }

    private static boolean succeeds(Runnable call) {
        try {
            call.run();
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }
}
