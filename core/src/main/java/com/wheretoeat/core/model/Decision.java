package com.wheretoeat.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a round of an area ended: its final tally (with the voters), the place or places with the
 * most votes ({@code winners}; more than one is a tie), when, and who decided ({@code decidedBy}
 * null: the round's deadline did). A tie may be broken once by a draw: {@code drawn} is the place
 * drawn among the winners, {@code drawnBy} who asked for the draw.
 */
public record Decision(long round, Instant decidedAt, Username decidedBy, Tally tally, List<Venue> winners,
        boolean tie, Venue drawn, Username drawnBy) {
    public Decision {
        if (round < 1) {
            throw new IllegalArgumentException("Rounds are numbered from 1, was " + round);
        }
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(tally, "tally");
        winners = List.copyOf(winners);
        if (winners.isEmpty()) {
            throw new IllegalArgumentException("A decision has at least one winner");
        }
        if (tie != winners.size() > 1) {
            throw new IllegalArgumentException("A decision is a tie exactly when it has more than one winner");
        }
        if ((drawn == null) != (drawnBy == null) || (drawn != null && !winners.contains(drawn))) {
            throw new IllegalArgumentException("A draw picks one of the winners, and says who asked for it");
        }
    }

    /** The decision of round {@code round} on {@code tally}, which must hold a vote. */
    public static Decision of(long round, Instant decidedAt, Username decidedBy, Tally tally) {
        int most = tally.leader().map(TallyEntry::votes)
                .orElseThrow(() -> new IllegalArgumentException("A round without votes has nothing to decide"));
        List<Venue> winners = tally.ranking().stream().filter(e -> e.votes() == most).map(TallyEntry::venue).toList();
        return new Decision(round, decidedAt, decidedBy, tally, winners, winners.size() > 1, null, null);
    }

    /** This tie, broken: {@code pick} (any number; a port draws it) chooses among the winners. */
    public Decision drawn(long pick, Username by) {
        if (!tie || drawn != null) {
            throw new IllegalStateException("Only a tie not yet broken can be drawn");
        }
        return new Decision(round, decidedAt, decidedBy, tally, winners, true,
                winners.get((int) Math.floorMod(pick, (long) winners.size())), Objects.requireNonNull(by, "by"));
    }

    /** Whether this is a tie that nobody has broken yet. */
    public boolean breakable() {
        return tie && drawn == null;
    }

    /** The place the group goes to: the sole winner, or the one drawn; empty for a tie not yet broken. */
    public Optional<Venue> place() {
        return tie ? Optional.ofNullable(drawn) : Optional.of(winners.get(0));
    }
}
