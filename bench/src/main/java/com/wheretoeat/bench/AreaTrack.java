package com.wheretoeat.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * One area's votes in flight, by sequence number: which vote (send time, measured or not) each
 * event belongs to, and how many of the area's members have received it. The voter learns the
 * sequence number from its ack, while other members may see the event first, so an entry is made by
 * whichever comes first. Members of one area may sit on different event loops, hence the lock.
 */
final class AreaTrack {
    private final String name;
    private final Figures figures;
    private final Map<Long, InFlight> bySeq = new HashMap<>();
    private int members;

    AreaTrack(String name, Figures figures) {
        this.name = name;
        this.figures = figures;
    }

    String name() {
        return name;
    }

    synchronized void memberJoined() {
        members++;
    }

    /** The voter's ack told which sequence number its vote, sent at {@code sentNanos}, became. */
    synchronized void voteAcked(long seq, long sentNanos, boolean measured) {
        InFlight vote = bySeq.computeIfAbsent(seq, s -> new InFlight());
        vote.acked = true;
        vote.sentNanos = sentNanos;
        vote.measured = measured;
        if (measured) {
            figures.expectedEvents.add(members);
            figures.receivedEvents.add(vote.received);
        }
        completeIfDone(seq, vote);
    }

    /** A member received the vote event with this sequence number at {@code nanos}. */
    synchronized void eventArrived(long seq, long nanos) {
        InFlight vote = bySeq.computeIfAbsent(seq, s -> new InFlight());
        vote.received++;
        vote.lastNanos = Math.max(vote.lastNanos, nanos);
        if (vote.measured) {
            figures.receivedEvents.increment();
        }
        completeIfDone(seq, vote);
    }

    /** Forgets votes that are not complete after the drain: their missing events count as lost. */
    synchronized int forgetIncomplete() {
        int left = bySeq.size();
        bySeq.clear();
        return left;
    }

    private void completeIfDone(long seq, InFlight vote) {
        if (vote.acked && vote.received >= members) {
            if (vote.measured) {
                figures.lastMember.recordValue(Math.max(0, (vote.lastNanos - vote.sentNanos) / 1_000));
            }
            bySeq.remove(seq);
        }
    }

    /** A vote whose events are still arriving. */
    private static final class InFlight {
        boolean acked;
        long sentNanos;
        boolean measured;
        int received;
        long lastNanos;
    }
}
