package com.wheretoeat.core.contract;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.port.AreaListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener that keeps what it receives, so a test can wait for events in order. */
public final class RecordingListener implements AreaListener {
    private final LinkedBlockingQueue<AreaEvent> received = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(AreaEvent event) {
        received.add(event);
    }

    /** The next event, waiting up to {@link Await#DEFAULT} for it. */
    public AreaEvent next() {
        return next(Await.DEFAULT);
    }

    public AreaEvent next(Duration limit) {
        try {
            AreaEvent event = received.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("No event arrived within " + limit);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for an event", e);
        }
    }

    /** The next {@code count} events, in the order they came. */
    public List<AreaEvent> next(int count) {
        List<AreaEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(next());
        }
        return events;
    }

    /** The next event, which must be of {@code type}. */
    public <E extends AreaEvent> E next(Class<E> type) {
        AreaEvent event = next();
        if (!type.isInstance(event)) {
            throw new AssertionError("Expected a " + type.getSimpleName() + " but received " + event);
        }
        return type.cast(event);
    }

    /** Asserts that nothing arrives within {@code quiet}. */
    public void assertNothingWithin(Duration quiet) {
        try {
            AreaEvent event = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (event != null) {
                throw new AssertionError("Expected no event but received " + event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }
}
