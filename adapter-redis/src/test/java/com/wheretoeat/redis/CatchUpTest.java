package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static com.wheretoeat.core.contract.Sample.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.CatchUp;
import com.wheretoeat.core.model.SessionId;
import io.lettuce.core.RedisConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node that missed events replays them from the area's capped log, or starts over from a snapshot. */
class CatchUpTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int LOG_SIZE = 16;

    private RedisAdapters redis;
    private WhereToEat app;
    private final AreaName area = AreaName.of("catch-up");

    @BeforeEach
    void connect() {
        redis = RedisAdapters.connect(REDIS.freshSettings().withLogSize(LOG_SIZE));
        app = WhereToEat.builder().areas(redis.areaStore(), redis.areaEvents()).sessions(redis.sessions()).build();
        SessionId ann = result(app.startSession());
        result(app.join(ann, area, name("Ann")));
        for (int i = 1; i < 20; i++) {
            result(app.vote(ann, area, i % 2 == 0 ? NOODLES : TRATTORIA));
        }
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void aSmallGapIsReplayedFromTheLog() {
        CatchUp catchUp = result(app.catchUp(area, 12));

        assertThat(catchUp).isInstanceOfSatisfying(CatchUp.Replay.class, replay ->
                assertThat(replay.events()).extracting(AreaEvent::seq).containsExactly(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L));
    }

    @Test
    void aGapOlderThanTheLogFallsBackToASnapshot() {
        CatchUp catchUp = result(app.catchUp(area, 2));

        assertThat(catchUp).isInstanceOfSatisfying(CatchUp.Reset.class, reset -> {
            assertThat(reset.snapshot().seq()).isEqualTo(20);
            assertThat(reset.snapshot().votes()).hasSize(1);
        });
    }

    @Test
    void theLogIsCappedToItsSize() throws Exception {
        String log = redis.settings().keyPrefix() + ":area:{catch-up}:log";

        assertThat(REDIS.command("XLEN", log)).isEqualTo(Integer.toString(LOG_SIZE));
    }

    @Test
    void aNodeThatCannotReachRedisAtStartFailsNamingWhere() {
        RedisSettings nowhere = RedisSettings.fromUrl("redis://127.0.0.1:1").withCommandTimeout(Duration.ofMillis(500));

        assertThatThrownBy(() -> RedisAdapters.connect(nowhere)).isInstanceOf(RedisConnectionException.class)
                .hasMessageContaining("127.0.0.1:1");
    }
}
