package com.wheretoeat.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A change in one area. Every event carries the area's sequence number, which grows by one
 * with every change, so a listener that sees a gap knows it missed something. Expiry is a change
 * too: it is announced by whichever store operation first notices it ({@code at} is that
 * operation's time), numbered like any other. The events that change who is there carry the
 * area's member count after them, so an area's size is known from its events alone.
 */
public sealed interface AreaEvent {
    AreaName area();

    long seq();

    Instant at();

    /** Someone joined under a name. */
    record MemberJoined(AreaName area, long seq, Instant at, Member member, int memberCount) implements AreaEvent {
        public MemberJoined {
            requireCommon(area, seq, at);
            Objects.requireNonNull(member, "member");
            requireCount(memberCount, 1);
        }
    }

    /** Someone left; their vote, if any, counts on until it expires. */
    record MemberLeft(AreaName area, long seq, Instant at, Username name, int memberCount) implements AreaEvent {
        public MemberLeft {
            requireCommon(area, seq, at);
            Objects.requireNonNull(name, "name");
            requireCount(memberCount, 0);
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
    record MemberExpired(AreaName area, long seq, Instant at, Username name, int memberCount) implements AreaEvent {
        public MemberExpired {
            requireCommon(area, seq, at);
            Objects.requireNonNull(name, "name");
            requireCount(memberCount, 0);
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

    /** The round closed: {@code decision} says how; a new, empty round begins (its votes are gone). */
    record RoundDecided(AreaName area, long seq, Instant at, Decision decision) implements AreaEvent {
        public RoundDecided {
            requireCommon(area, seq, at);
            Objects.requireNonNull(decision, "decision");
        }
    }

    /**
     * The round's deadline was set or changed ({@code deadline}), or cleared (null); {@code by} is who
     * did it, null when the deadline passed with nothing to decide.
     */
    record DeadlineSet(AreaName area, long seq, Instant at, Instant deadline, Username by) implements AreaEvent {
        public DeadlineSet {
            requireCommon(area, seq, at);
        }
    }

    /** The latest decision's tie was broken by a draw: {@code decision} is it, with the place drawn. */
    record TieBroken(AreaName area, long seq, Instant at, Decision decision) implements AreaEvent {
        public TieBroken {
            requireCommon(area, seq, at);
            Objects.requireNonNull(decision, "decision");
            if (decision.drawn() == null) {
                throw new IllegalArgumentException("A broken tie names the place drawn");
            }
        }
    }

    /**
     * The joins, leaves and expiries of members numbered {@code from} to {@code seq}, told at once: in
     * an area of more than {@link #BATCHED_ABOVE} members a node sends these instead of one event per
     * member, at most every {@link #intervalMillis} ms, so that N joins never cost N² messages.
     * Nothing but presence lies in that range. {@code joined} names who is there afterwards and
     * {@code left} who is gone afterwards (leaves and expiries), at most {@link #BATCH_NAMES} each, the
     * earliest; {@code complete} says whether they name all. Names only, no member data: a batch goes to
     * every member of a big area, so its size is what the fan-out costs ({@link com.wheretoeat.core.WhereToEat#members}
     * gives the data). Applying one twice, or one that partly covers what a listener holds, changes nothing more.
     */
    record PresenceBatch(AreaName area, long from, long seq, Instant at, int memberCount, List<Username> joined,
            List<Username> left, boolean complete) implements AreaEvent {
        /** Areas of more members than this get their presence in batches. */
        public static final int BATCHED_ABOVE = 100;
        /** The longest a join, leave or expiry waits in a batch of an area up to {@link #STEADY_MEMBERS} members. */
        public static final long BATCH_INTERVAL_MILLIS = 250;
        /**
         * Up to this many members a batch goes out every {@link #BATCH_INTERVAL_MILLIS}; above, the interval
         * grows with the area, so that telling an area's presence costs a node at most this many messages
         * every {@link #BATCH_INTERVAL_MILLIS} whatever its size (one a member a batch).
         */
        public static final int STEADY_MEMBERS = 1_000;
        /** The most names a batch lists of those who joined, and of those who left. */
        public static final int BATCH_NAMES = 20;

        /**
         * How long presence waits in a batch in an area of {@code memberCount}: {@link #BATCH_INTERVAL_MILLIS}
         * up to {@link #STEADY_MEMBERS}, then in proportion (2.5 s at 10,000 members).
         */
        public static long intervalMillis(int memberCount) {
            return Math.max(BATCH_INTERVAL_MILLIS, BATCH_INTERVAL_MILLIS * memberCount / STEADY_MEMBERS);
        }

        public PresenceBatch {
            requireCommon(area, seq, at);
            if (from < 1 || from > seq) {
                throw new IllegalArgumentException("A batch covers " + from + " to " + seq);
            }
            requireCount(memberCount, 0);
            joined = List.copyOf(joined);
            left = List.copyOf(left);
            if (joined.size() > BATCH_NAMES || left.size() > BATCH_NAMES) {
                throw new IllegalArgumentException("A batch lists at most " + BATCH_NAMES + " names each way");
            }
        }
    }

    private static void requireCount(int memberCount, int least) {
        if (memberCount < least) {
            throw new IllegalArgumentException("A member count of " + memberCount + " after this event cannot be");
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
