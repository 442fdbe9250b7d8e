package com.wheretoeat.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A person present in an area under a name. {@code seq} is the area's sequence number when
 * they joined; they expire at {@code expiresAt} unless they act again before.
 */
public record Member(Username name, long seq, Instant activeAt, Instant expiresAt) {
    public Member {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(activeAt, "activeAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
