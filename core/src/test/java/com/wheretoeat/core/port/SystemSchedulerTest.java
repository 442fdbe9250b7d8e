package com.wheretoeat.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SystemSchedulerTest {
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final AtomicReference<Instant> time = new AtomicReference<>(start);
    private final Scheduler scheduler = Scheduler.system(time::get);

    @Test
    void aTaskRunsOnceItsInstantIsReachedByTheClock() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        time.set(start.plusSeconds(5));

        scheduler.schedule(start.plusMillis(20), ran::countDown);

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTaskThatComesDueEarlyByTheClockWaitsForIt() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Instant> ranAt = new AtomicReference<>();

        scheduler.schedule(start.plusMillis(50), () -> {
            ranAt.set(time.get());
            ran.countDown();
        });

        assertThat(ran.await(300, TimeUnit.MILLISECONDS)).as("the clock stood still").isFalse();
        time.set(start.plusMillis(50));
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ranAt.get()).isEqualTo(start.plusMillis(50));
    }

    @Test
    void aCancelledTaskNeverRuns() throws Exception {
        CountDownLatch cancelledRan = new CountDownLatch(1);
        CountDownLatch laterRan = new CountDownLatch(1);
        // The clock reaches the tasks only after the cancel, so the first cannot have run before it.
        scheduler.schedule(start.plusMillis(30), cancelledRan::countDown).cancel();
        scheduler.schedule(start.plusMillis(60), laterRan::countDown);
        time.set(start.plus(Duration.ofMinutes(1)));

        assertThat(laterRan.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelledRan.getCount()).as("a task due earlier, cancelled, did not run").isEqualTo(1);
    }
}
