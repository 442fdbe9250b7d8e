package com.wheretoeat.core.port;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time, for every rule that depends on it; tests pass a clock they control. Rules work in
 * milliseconds, the precision every store keeps.
 */
@FunctionalInterface
public interface Clock {
    Instant now();

    /** The machine's clock, to the millisecond. */
    static Clock system() {
        return () -> Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
