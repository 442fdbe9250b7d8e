package com.wheretoeat.core.port;

import java.time.Instant;

/** The time, for every rule that depends on it; tests pass a clock they control. */
@FunctionalInterface
public interface Clock {
    Instant now();

    /** The machine's clock. */
    static Clock system() {
        return Instant::now;
    }
}
