package com.wheretoeat.redis;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.port.AreaListener;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records events and resumptions ({@link #RESUMED}) in one queue, so a test of outages sees their
 * order: that a listener was told to catch up before the next event.
 */
final class ResumeRecorder implements AreaListener {
    static final String RESUMED = "resumed";

    private final LinkedBlockingQueue<Object> seen = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(AreaEvent event) {
        seen.add(event);
    }

    @Override
    public void onResumed() {
        seen.add(RESUMED);
    }

    /** The next event or {@link #RESUMED}, waiting up to {@code limit}. */
    Object next(Duration limit) throws InterruptedException {
        Object next = seen.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("Nothing arrived within " + limit);
        }
        return next;
    }

    /** The next event, past any resumptions: a listener may be told to catch up more than once, which is harmless. */
    Object nextEvent(Duration limit) throws InterruptedException {
        Object next = next(limit);
        return RESUMED.equals(next) ? nextEvent(limit) : next;
    }
}
