package com.wheretoeat.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Venues ranked by their number of votes. A tie goes to the venue that reached its count first:
 * the one whose latest current vote has the lower sequence number.
 */
public record Tally(List<TallyEntry> ranking) {
    public Tally {
        ranking = List.copyOf(ranking);
    }

    public static Tally of(Collection<Vote> votes) {
        List<Vote> bySeq = new ArrayList<>(votes);
        bySeq.sort(Comparator.comparingLong(Vote::seq));
        Map<VenueId, Line> lines = new LinkedHashMap<>();
        for (Vote vote : bySeq) {
            // The first voter's spelling of a venue names it; later votes only add to it.
            lines.computeIfAbsent(vote.venue().id(), id -> new Line(vote.venue())).add(vote);
        }
        List<Line> ordered = new ArrayList<>(lines.values());
        ordered.sort(Comparator.comparingInt((Line line) -> line.voters.size()).reversed()
                .thenComparingLong(line -> line.reachedAtSeq));
        return new Tally(ordered.stream().map(Line::entry).toList());
    }

    /** The leading venue, if anyone voted. */
    public Optional<TallyEntry> leader() {
        return ranking.stream().findFirst();
    }

    /** The number of votes for {@code venue}, zero when it has none. */
    public int votesFor(VenueId venue) {
        return ranking.stream().filter(e -> e.venue().id().equals(venue)).mapToInt(TallyEntry::votes).findFirst().orElse(0);
    }

    private static final class Line {
        private final Venue venue;
        private final List<Username> voters = new ArrayList<>();
        private long reachedAtSeq;

        Line(Venue venue) {
            this.venue = venue;
        }

        void add(Vote vote) {
            voters.add(vote.voter());
            reachedAtSeq = vote.seq();
        }

        TallyEntry entry() {
            return new TallyEntry(venue, voters.size(), voters);
        }
    }
}
