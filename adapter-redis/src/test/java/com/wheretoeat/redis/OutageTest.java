package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static com.wheretoeat.core.contract.Sample.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.error.UnavailableException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.port.AreaListener;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis stops in the middle of the test: every operation is {@code unavailable} within the
 * timeout, the process carries on, and when Redis is back operations and event delivery recover
 * by themselves, with listeners told to catch up.
 */
class OutageTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private RedisAdapters redis;
    private WhereToEat app;
    private final AreaName area = AreaName.of("outage");

    /** Records events and resumptions in one queue, so the test sees their order. */
    private static final class Watcher implements AreaListener {
        final LinkedBlockingQueue<Object> seen = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(AreaEvent event) {
            seen.add(event);
        }

        @Override
        public void onResumed() {
            seen.add("resumed");
        }

        Object next(Duration limit) throws InterruptedException {
            Object next = seen.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("Nothing arrived within " + limit);
            }
            return next;
        }
    }

    @BeforeEach
    void connect() {
        redis = RedisAdapters.connect(REDIS.freshSettings().withCommandTimeout(TIMEOUT));
        app = WhereToEat.builder().areas(redis.areaStore(), redis.areaEvents()).sessions(redis.sessions())
                .timeout(TIMEOUT).build();
    }

    @AfterEach
    void close() throws Exception {
        redis.close();
        REDIS.stop();
        REDIS.start();
    }

    private static void assertUnavailable(CompletionStage<?> stage) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> result(stage, TIMEOUT.plusSeconds(1)))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThanOrEqualTo(TIMEOUT.plusMillis(500));
    }

    @Test
    void whileRedisIsDownEverythingIsUnavailableAndAllRecoversWhenItIsBack() throws Exception {
        Watcher watcher = new Watcher();
        result(app.subscribe(area, watcher));
        SessionId ann = result(app.startSession());
        result(app.join(ann, area, name("Ann")));
        assertThat(watcher.next(Duration.ofSeconds(5))).isInstanceOf(AreaEvent.MemberJoined.class);

        REDIS.stop();

        assertUnavailable(app.vote(ann, area, TRATTORIA));
        assertUnavailable(app.join(ann, area, name("Ann")));
        assertUnavailable(app.snapshot(area));
        assertUnavailable(app.startSession());
        assertUnavailable(app.catchUp(area, 0));
        AreaName elsewhere = AreaName.of("elsewhere");
        Watcher late = new Watcher();
        assertUnavailable(app.subscribe(elsewhere, late));

        REDIS.start();

        assertThat(watcher.next(Duration.ofSeconds(10))).as("the listener is told to catch up").isEqualTo("resumed");
        Poll.until("operations work again", Duration.ofSeconds(10), () -> {
            try {
                app.startSession().toCompletableFuture().join();
                return true;
            } catch (CompletionException stillDown) {
                return false;
            }
        });
        SessionId bob = result(app.startSession());
        result(app.join(bob, area, name("Bob")));
        assertThat(watcher.next(Duration.ofSeconds(5))).as("events flow again").isInstanceOfSatisfying(
                AreaEvent.MemberJoined.class, joined -> assertThat(joined.member().name()).isEqualTo(name("Bob")));
        assertThat(result(app.snapshot(area)).members()).extracting(m -> m.name().value()).containsExactly("Bob");
        result(app.subscribe(elsewhere, late));
        result(app.join(bob, elsewhere, name("Bob")));
        assertThat(late.next(Duration.ofSeconds(5))).as("a refused subscription can be made again")
                .isInstanceOf(AreaEvent.MemberJoined.class);
    }
}
