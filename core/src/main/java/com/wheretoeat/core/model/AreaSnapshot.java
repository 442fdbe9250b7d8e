package com.wheretoeat.core.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything live in an area at sequence number {@code seq}: its members in order of joining,
 * its current votes in order of casting, and the tally they make.
 */
public record AreaSnapshot(AreaName area, long seq, List<Member> members, List<Vote> votes, Tally tally) {
    public AreaSnapshot {
        Objects.requireNonNull(area, "area");
        members = members.stream().sorted(Comparator.comparingLong(Member::seq)).toList();
        votes = votes.stream().sorted(Comparator.comparingLong(Vote::seq)).toList();
        Objects.requireNonNull(tally, "tally");
    }

    /** A snapshot whose tally is computed from {@code votes}. */
    public static AreaSnapshot of(AreaName area, long seq, List<Member> members, List<Vote> votes) {
        return new AreaSnapshot(area, seq, members, votes, Tally.of(votes));
    }

    public static AreaSnapshot empty(AreaName area) {
        return of(area, 0, List.of(), List.of());
    }

    public Optional<Vote> voteOf(Username voter) {
        return votes.stream().filter(v -> v.voter().equals(voter)).findFirst();
    }

    public boolean hasMember(Username name) {
        return members.stream().anyMatch(m -> m.name().equals(name));
    }
}
