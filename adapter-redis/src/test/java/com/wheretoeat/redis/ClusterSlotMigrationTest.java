package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.contract.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An area's slot moves to another master (resharding, a new master): Redis drops the node's
 * sharded subscription, and the node subscribes again where the slot lives now, so a follower
 * hears the area's events again after being told to catch up. (Found by a review; it failed before.)
 */
class ClusterSlotMigrationTest {
    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aFollowerStillHearsTheAreaAfterItsSlotMoved() throws Exception {
        RedisSettings shared = CLUSTER.freshSettings().withCommandTimeout(Duration.ofSeconds(1));
        try (RedisAdapters north = RedisAdapters.connect(shared); RedisAdapters south = RedisAdapters.connect(shared)) {
            AreaName office = AreaName.of("office");
            ResumeRecorder seen = new ResumeRecorder();
            result(north.areaEvents().subscribe(office, seen));
            String channel = shared.keyPrefix() + ":area:{office}:events";
            int from = CLUSTER.masterOf(channel);
            int to = CLUSTER.masters().stream().filter(p -> p != from).findFirst().orElseThrow();
            String slot = CLUSTER.command(from, "CLUSTER", "KEYSLOT", channel).strip();
            String toId = CLUSTER.command(to, "CLUSTER", "MYID").strip();

            // The slot holds no keys yet: it can be handed over at once, on every master.
            CLUSTER.command(to, "CLUSTER", "SETSLOT", slot, "NODE", toId);
            CLUSTER.command(from, "CLUSTER", "SETSLOT", slot, "NODE", toId);
            for (int other : CLUSTER.masters()) {
                if (other != from && other != to) {
                    CLUSTER.command(other, "CLUSTER", "SETSLOT", slot, "NODE", toId);
                }
            }
            assertThat(seen.next(WAIT)).as("told to catch up").isEqualTo(ResumeRecorder.RESUMED);
            Await.until(() -> subscribers(to, channel).equals("1"), "subscribed on the new master");
            result(south.areaStore().join(office, session(), name("Ann"), Instant.now(), Lifetimes.DEFAULT));

            assertThat(seen.nextEvent(WAIT)).as("the join made after the slot moved").isInstanceOf(AreaEvent.MemberJoined.class);
        }
    }

    /** How many subscribe to {@code channel} on the master at {@code port} ({@code PUBSUB SHARDNUMSUB}). */
    private static String subscribers(int port, String channel) {
        try {
            String[] lines = CLUSTER.command(port, "PUBSUB", "SHARDNUMSUB", channel).strip().split("\\s+");
            return lines[lines.length - 1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
