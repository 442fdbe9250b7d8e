package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.contract.RecordingListener;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Lifetimes;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listeners run on the adapter's delivery threads, never on Lettuce's event loop. */
class DeliveryThreadsTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisAdapters redis;

    @BeforeEach
    void connect() {
        redis = RedisAdapters.connect(REDIS.freshSettings());
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private void join(AreaName area, String who) {
        result(redis.areaStore().join(area, session(), name(who), Instant.now(), Lifetimes.DEFAULT));
    }

    @Test
    void listenersAreCalledOnTheAdaptersDeliveryThreads() throws Exception {
        AreaName area = AreaName.of("threads");
        LinkedBlockingQueue<String> threads = new LinkedBlockingQueue<>();
        result(redis.areaEvents().subscribe(area, event -> threads.add(Thread.currentThread().getName())));

        join(area, "Ann");

        assertThat(threads.poll(5, TimeUnit.SECONDS)).startsWith("wte-redis-");
    }

    @Test
    void aListenerStuckInOneAreaDoesNotHoldUpAnother() throws Exception {
        AreaName stuck = AreaName.of("stuck");
        AreaName lively = AreaName.of("lively");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        result(redis.areaEvents().subscribe(stuck, event -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        RecordingListener livelyListener = new RecordingListener();
        result(redis.areaEvents().subscribe(lively, livelyListener));
        try {
            join(stuck, "Ann");
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

            join(lively, "Bob");

            assertThat(livelyListener.next(AreaEvent.MemberJoined.class).area()).isEqualTo(lively);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aListenerThatThrowsAnErrorOnceStillHearsTheNextEvent() {
        AreaName area = AreaName.of("error-once");
        RecordingListener after = new RecordingListener();
        AtomicBoolean thrown = new AtomicBoolean();
        result(redis.areaEvents().subscribe(area, event -> {
            if (thrown.compareAndSet(false, true)) {
                throw new AssertionError("expected by the test: a listener that fails with an Error");
            }
            after.onEvent(event);
        }));

        join(area, "Ann");
        join(area, "Bob");

        assertThat(after.next(AreaEvent.MemberJoined.class).member().name()).isEqualTo(name("Bob"));
    }
}
