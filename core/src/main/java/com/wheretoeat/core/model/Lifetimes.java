package com.wheretoeat.core.model;

import java.time.Duration;
import java.util.Objects;

/** How long votes, members (after their last activity) and idle sessions live. */
public record Lifetimes(Duration vote, Duration member, Duration session) {
    public static final Lifetimes DEFAULT = new Lifetimes(Duration.ofHours(2), Duration.ofHours(4), Duration.ofDays(30));

    public Lifetimes {
        requirePositive("vote", vote);
        requirePositive("member", member);
        requirePositive("session", session);
    }

    private static void requirePositive(String what, Duration lifetime) {
        Objects.requireNonNull(lifetime, what);
        if (lifetime.isZero() || lifetime.isNegative()) {
            throw new IllegalArgumentException("The " + what + " lifetime must be positive, was " + lifetime);
        }
    }
}
