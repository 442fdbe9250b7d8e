package com.wheretoeat.core.memory;

import com.wheretoeat.core.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A clock that moves only when told to, for tests of expiry. Thread-safe. */
public final class ManualClock implements Clock {
    private volatile Instant now;

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant now() {
        return now;
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }
}
