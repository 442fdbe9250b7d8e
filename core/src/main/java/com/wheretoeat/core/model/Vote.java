package com.wheretoeat.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One member's vote in an area. {@code seq} is the area's sequence number when it was cast or
 * last moved; it counts until {@code expiresAt}.
 */
public record Vote(Username voter, Venue venue, long seq, Instant castAt, Instant expiresAt) {
    public Vote {
        Objects.requireNonNull(voter, "voter");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(castAt, "castAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
