package com.wheretoeat.core.model;

import java.time.Instant;

/**
 * The round an area is in: its number (from 1), the deadline at which it decides itself (null:
 * none), who set it, and the latest decision (null before the first).
 */
public record Round(long number, Instant deadline, Username deadlineBy, Decision latest) {
    public Round {
        if (number < 1) {
            throw new IllegalArgumentException("Rounds are numbered from 1, was " + number);
        }
        if ((deadline == null) != (deadlineBy == null)) {
            throw new IllegalArgumentException("A deadline says who set it");
        }
    }

    /** The first round of an area, without a deadline or a decision. */
    public static Round first() {
        return new Round(1, null, null, null);
    }
}
