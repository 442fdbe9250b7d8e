package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis stops in the middle of the test: every operation is {@code unavailable} within the
 * timeout, the process carries on, and when Redis is back operations and event delivery recover
 * by themselves, with listeners told to catch up. Losing only the Pub/Sub connection tells
 * listeners to catch up before any event they could have missed.
 */
class OutageTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private RedisAdapters redis;
    private WhereToEat app;
    private final AreaName area = AreaName.of("outage");

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

    /** Adds what the watcher hears to {@code heard} until it hears an event numbered {@code seq} or higher. */
    private static void listenUntil(ResumeRecorder watcher, List<Object> heard, long seq) throws InterruptedException {
        long last = 0;
        while (last < seq) {
            Object next = watcher.next(Duration.ofSeconds(10));
            heard.add(next);
            if (next instanceof AreaEvent event) {
                last = event.seq();
            }
        }
    }

    @Test
    void whenOnlyThePubSubConnectionDropsListenersHearResumedBeforeAnyLaterEvent() throws Exception {
        ResumeRecorder watcher = new ResumeRecorder();
        result(app.subscribe(area, watcher));
        SessionId ann = result(app.startSession());
        result(app.join(ann, area, name("Ann")));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> writerFailed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            // Votes back and forth as fast as Redis answers: every vote is one event.
            try {
                for (int i = 0; writing.get(); i++) {
                    result(app.vote(ann, area, i % 2 == 0 ? NOODLES : TRATTORIA));
                }
            } catch (Throwable e) {
                writerFailed.set(e);
            }
        }, "writer");
        writer.start();
        List<Object> heard = new ArrayList<>();
        long lastBeforeKill;
        try {
            listenUntil(watcher, heard, 20);

            // In one transaction, so no vote runs between reading the last seq and the kill.
            String[] reply = REDIS.transaction(List.of(
                    List.of("HGET", redis.settings().keyPrefix() + ":area:{outage}:meta", "seq"),
                    List.of("CLIENT", "KILL", "TYPE", "pubsub"))).split("\n");
            lastBeforeKill = Long.parseLong(reply[0]);
            assertThat(reply[1]).as("the node's Pub/Sub connection was killed").isEqualTo("1");

            listenUntil(watcher, heard, lastBeforeKill + 20);
        } finally {
            writing.set(false);
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }

        assertThat(writerFailed.get()).as("the command connection was not touched").isNull();
        int resumed = heard.indexOf("resumed");
        assertThat(resumed).as("onResumed came before the 20th event after the kill").isNotNegative();
        assertThat(heard.subList(0, resumed)).as("events heard before onResumed").allSatisfy(
                event -> assertThat(((AreaEvent) event).seq()).isLessThanOrEqualTo(lastBeforeKill));
    }

    @Test
    void whileRedisIsDownEverythingIsUnavailableAndAllRecoversWhenItIsBack() throws Exception {
        ResumeRecorder watcher = new ResumeRecorder();
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
        ResumeRecorder late = new ResumeRecorder();
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
