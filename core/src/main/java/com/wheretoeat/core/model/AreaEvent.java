package com.wheretoeat.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A change in one area. Every event carries the area's sequence number, which grows by one
 * with every change, so a listener that sees a gap knows it missed something. Expiry is a change
 * too: it is announced by whichever store operation first notices it ({@code at} is that
 * operation's time), numbered like any other.
 */
public sealed interface AreaEvent {
    AreaName area();

    long seq();

    Instant at();

    /** Someone joined under a name. */
    record MemberJoined(AreaName area, long seq, Instant at, Member member) implements AreaEvent {
        public MemberJoined {
            requireCommon(area, seq, at);
            Objects.requireNonNull(member, "member");
        }
    }

    /** Someone left; their vote, if any, counts on until it expires. */
    record MemberLeft(AreaName area, long seq, Instant at, Username name) implements AreaEvent {
        public MemberLeft {
            requireCommon(area, seq, at);
            Objects.requireNonNull(name, "name");
        }
    }

    /** A member without a current vote cast one. */
    record VoteCast(AreaName area, long seq, Instant at, Vote vote) implements AreaEvent {
        public VoteCast {
            requireCommon(area, seq, at);
            Objects.requireNonNull(vote, "vote");
        }
    }

    /** A member moved their vote from one venue to another. */
    record VoteMoved(AreaName area, long seq, Instant at, Vote vote, VenueId from) implements AreaEvent {
        public VoteMoved {
            requireCommon(area, seq, at);
            Objects.requireNonNull(vote, "vote");
            Objects.requireNonNull(from, "from");
        }
    }

    /** A member took their vote back. */
    record VoteRetracted(AreaName area, long seq, Instant at, Username voter, VenueId venue) implements AreaEvent {
        public VoteRetracted {
            requireCommon(area, seq, at);
            Objects.requireNonNull(voter, "voter");
            Objects.requireNonNull(venue, "venue");
        }
    }

    /** A member was inactive for their whole lifetime and is gone; their vote, if any, counts on until it expires. */
    record MemberExpired(AreaName area, long seq, Instant at, Username name) implements AreaEvent {
        public MemberExpired {
            requireCommon(area, seq, at);
            Objects.requireNonNull(name, "name");
        }
    }

    /** A vote reached the end of its lifetime and no longer counts. */
    record VoteExpired(AreaName area, long seq, Instant at, Username voter, VenueId venue) implements AreaEvent {
        public VoteExpired {
            requireCommon(area, seq, at);
            Objects.requireNonNull(voter, "voter");
            Objects.requireNonNull(venue, "venue");
        }
    }

    private static void requireCommon(AreaName area, long seq, Instant at) {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(at, "at");
        if (seq < 1) {
            throw new IllegalArgumentException("An event's sequence number starts at 1, was " + seq);
        }
    }
}
