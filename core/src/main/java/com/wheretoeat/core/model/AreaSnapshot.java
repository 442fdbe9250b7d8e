package com.wheretoeat.core.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything live in an area at sequence number {@code seq}: its first members in order of joining
 * (at most {@link #MEMBER_PAGE}; {@code memberCount} says how many there are in all, and
 * {@link MemberPage}s give the rest), the current round's votes in order of casting, the tally they
 * make, and the round (its number, deadline and the latest decision). A snapshot costs the same in
 * an area of ten and of ten thousand members.
 */
public record AreaSnapshot(AreaName area, long seq, List<Member> members, int memberCount, List<Vote> votes,
        Tally tally, Round round) {
    /** The most members a snapshot (and a page of members) holds. */
    public static final int MEMBER_PAGE = 100;

    public AreaSnapshot {
        Objects.requireNonNull(area, "area");
        members = members.stream().sorted(Comparator.comparingLong(Member::seq)).toList();
        if (members.size() > MEMBER_PAGE) {
            throw new IllegalArgumentException("A snapshot holds at most " + MEMBER_PAGE + " members, not " + members.size());
        }
        if (memberCount < members.size()) {
            throw new IllegalArgumentException("The member count " + memberCount + " is below the " + members.size() + " members held");
        }
        votes = votes.stream().sorted(Comparator.comparingLong(Vote::seq)).toList();
        Objects.requireNonNull(tally, "tally");
        Objects.requireNonNull(round, "round");
    }

    /** A snapshot whose tally is computed from {@code votes}, holding the first page of {@code members}. */
    public static AreaSnapshot of(AreaName area, long seq, List<Member> members, List<Vote> votes) {
        List<Member> first = members.stream().sorted(Comparator.comparingLong(Member::seq)).limit(MEMBER_PAGE).toList();
        return new AreaSnapshot(area, seq, first, members.size(), votes, Tally.of(votes), Round.first());
    }

    /** A snapshot of an area in its first round, with the first page of members and the count of all. */
    public static AreaSnapshot of(AreaName area, long seq, List<Member> firstMembers, int memberCount, List<Vote> votes) {
        return of(area, seq, firstMembers, memberCount, votes, Round.first());
    }

    /** A snapshot whose tally is computed from {@code votes}, with the first page of members, the count of all, and the round. */
    public static AreaSnapshot of(AreaName area, long seq, List<Member> firstMembers, int memberCount, List<Vote> votes,
            Round round) {
        return new AreaSnapshot(area, seq, firstMembers, memberCount, votes, Tally.of(votes), round);
    }

    public static AreaSnapshot empty(AreaName area) {
        return of(area, 0, List.of(), List.of());
    }

    public Optional<Vote> voteOf(Username voter) {
        return votes.stream().filter(v -> v.voter().equals(voter)).findFirst();
    }

    /** Whether {@code name} is among the members this snapshot holds (the first page of them). */
    public boolean hasMember(Username name) {
        return members.stream().anyMatch(m -> m.name().equals(name));
    }

    /** Whether the area has members beyond those held here. */
    public boolean hasMoreMembers() {
        return memberCount > members.size();
    }
}
