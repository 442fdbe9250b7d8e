package com.wheretoeat.core.memory;

import com.wheretoeat.core.error.NameTakenException;
import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.core.port.NameKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One area's members and votes, and the rules that change them. Not thread-safe: the store
 * serializes access per area. Every change hands its events to {@code publish} in sequence order.
 *
 * <p>A change checks first, on what is live at {@code now}, and writes only once it is sure to be
 * carried out: then it announces what expired (numbered before its own events), and makes its own.
 * So a refused change, like a read, changes nothing.
 *
 * <p>Members are indexed by sequence number and everything by expiry, so a join, a snapshot or a
 * page of members costs the same in an area of ten or ten thousand members.
 */
final class AreaState {
    /** Expiries in the order they are announced: by time, members before votes, then by sequence number. */
    private static final Comparator<Expired> ANNOUNCED = Comparator.comparing(Expired::at)
            .thenComparing(Expired::isVote)
            .thenComparingLong(Expired::seq);

    private final AreaName area;
    private final NameKeys keys;
    private final Consumer<AreaEvent> publish;
    private final Map<Username, Seat> members = new LinkedHashMap<>();
    private final Map<SessionId, Username> names = new HashMap<>();
    /** The held names by their {@link NameKeys key}: two members never hold names of one key. */
    private final Map<String, Username> byKey = new HashMap<>();
    private final Map<Username, Vote> votes = new LinkedHashMap<>();
    /** The members' names by their sequence number, for pages in order of joining. */
    private final NavigableMap<Long, Username> order = new TreeMap<>();
    /** Every member's and vote's expiry, in the order they are announced. */
    private final NavigableSet<Expired> expiries = new TreeSet<>(ANNOUNCED);
    private long seq;
    /** When the last member and vote expire; {@code null} until the first join. */
    private Instant expiresAt;

    private record Seat(SessionId session, Member member) {}

    /** When a member or vote runs out; ordered by {@link #ANNOUNCED}, which tells them apart by time, kind and seq. */
    private record Expired(Instant at, boolean isVote, long seq, Username name) {
        static Expired of(Member member) {
            return new Expired(member.expiresAt(), false, member.seq(), member.name());
        }

        static Expired of(Vote vote) {
            return new Expired(vote.expiresAt(), true, vote.seq(), vote.voter());
        }
    }

    AreaState(AreaName area, NameKeys keys, Consumer<AreaEvent> publish) {
        this.area = area;
        this.keys = keys;
        this.publish = publish;
    }

    /** Whether everything in the area has expired at {@code now}, so the area can be forgotten. */
    boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    Joined join(SessionId session, Username name, Instant now, Lifetimes lifetimes) {
        Username held = byKey.get(keys.keyOf(name));
        Seat holder = held == null ? null : liveSeat(held, now);
        if (holder != null && !holder.session().equals(session)) {
            throw new NameTakenException(name.value(), held.value());
        }
        Username previous = liveNameOf(session, now);
        prune(now);
        if (previous != null && !previous.equals(name)) {
            remove(previous);
            emit(new AreaEvent.MemberLeft(area, ++seq, now, previous, members.size()));
        }
        Member member;
        if (holder != null && held.equals(name)) {
            member = new Member(name, holder.member().seq(), now, now.plus(lifetimes.member()));
            seat(session, member);
        } else {
            member = new Member(name, ++seq, now, now.plus(lifetimes.member()));
            seat(session, member);
            emit(new AreaEvent.MemberJoined(area, seq, now, member, members.size()));
        }
        return new Joined(member, snapshot(now));
    }

    Vote vote(SessionId session, Venue venue, Instant now, Lifetimes lifetimes) {
        Username voter = activeMember(session, now, lifetimes);
        Vote standing = votes.get(voter);
        if (standing != null && standing.venue().id().equals(venue.id())) {
            return standing;
        }
        Vote vote = new Vote(voter, venue, ++seq, now, now.plus(lifetimes.vote()));
        putVote(vote);
        emit(standing == null
                ? new AreaEvent.VoteCast(area, seq, now, vote)
                : new AreaEvent.VoteMoved(area, seq, now, vote, standing.venue().id()));
        return vote;
    }

    Optional<Vote> retract(SessionId session, Instant now, Lifetimes lifetimes) {
        Username voter = activeMember(session, now, lifetimes);
        Vote standing = removeVote(voter);
        if (standing != null) {
            emit(new AreaEvent.VoteRetracted(area, ++seq, now, voter, standing.venue().id()));
        }
        return Optional.ofNullable(standing);
    }

    Optional<AreaEvent.MemberLeft> leave(SessionId session, Instant now) {
        return leaveIfIdle(session, null, now);
    }

    /** Leaves unless the member was active after {@code idleSince} (null: whenever). */
    Optional<AreaEvent.MemberLeft> leaveIfIdle(SessionId session, Instant idleSince, Instant now) {
        Username name = liveNameOf(session, now);
        if (name == null || (idleSince != null && members.get(name).member().activeAt().isAfter(idleSince))) {
            return Optional.empty();
        }
        prune(now);
        remove(name);
        AreaEvent.MemberLeft left = new AreaEvent.MemberLeft(area, ++seq, now, name, members.size());
        emit(left);
        return Optional.of(left);
    }

    Optional<Member> member(SessionId session, Instant now) {
        Username name = liveNameOf(session, now);
        return name == null ? Optional.empty() : Optional.of(members.get(name).member());
    }

    /** What is live at {@code now}, with the first page of members; reads only, so what expired stays to be announced. */
    AreaSnapshot snapshot(Instant now) {
        MemberPage first = members(0, now);
        return AreaSnapshot.of(area, seq, first.members(), first.memberCount(),
                votes.values().stream().filter(v -> v.isLiveAt(now)).toList());
    }

    /** The live members after sequence number {@code afterSeq}, a page of them; reads only. */
    MemberPage members(long afterSeq, Instant now) {
        List<Member> page = new ArrayList<>();
        boolean more = false;
        for (Username name : order.tailMap(afterSeq, false).values()) {
            Member member = members.get(name).member();
            if (!member.isLiveAt(now)) {
                continue;
            }
            if (page.size() == AreaSnapshot.MEMBER_PAGE) {
                more = true;
                break;
            }
            page.add(member);
        }
        return new MemberPage(page, liveMemberCount(now), more);
    }

    /** Announces what expired by {@code now}; answers when the next member or vote expires. */
    Optional<Instant> expire(Instant now) {
        prune(now);
        return expiries.isEmpty() ? Optional.empty() : Optional.of(expiries.first().at());
    }

    /** The members live at {@code now}: those held less those expired but not yet announced. */
    private int liveMemberCount(Instant now) {
        int expired = 0;
        for (Expired e : expiries) {
            if (now.isBefore(e.at())) {
                break;
            }
            if (!e.isVote()) {
                expired++;
            }
        }
        return members.size() - expired;
    }

    /** The session's name after refreshing its activity; refuses a session that is not a member. */
    private Username activeMember(SessionId session, Instant now, Lifetimes lifetimes) {
        Username name = liveNameOf(session, now);
        if (name == null) {
            throw new NotJoinedException();
        }
        prune(now);
        Member member = members.get(name).member();
        seat(session, new Member(name, member.seq(), now, now.plus(lifetimes.member())));
        return name;
    }

    private Seat liveSeat(Username name, Instant now) {
        Seat seat = members.get(name);
        return seat != null && seat.member().isLiveAt(now) ? seat : null;
    }

    /** The name {@code session} holds at {@code now}, or null. */
    private Username liveNameOf(SessionId session, Instant now) {
        Username name = names.get(session);
        return name != null && liveSeat(name, now) != null ? name : null;
    }

    private void seat(SessionId session, Member member) {
        Seat before = members.put(member.name(), new Seat(session, member));
        if (before != null) {
            expiries.remove(Expired.of(before.member()));
            order.remove(before.member().seq());
        }
        expiries.add(Expired.of(member));
        order.put(member.seq(), member.name());
        names.put(session, member.name());
        byKey.put(keys.keyOf(member.name()), member.name());
        extendTo(member.expiresAt());
    }

    private void remove(Username name) {
        Seat seat = members.remove(name);
        names.remove(seat.session());
        byKey.remove(keys.keyOf(name), name);
        expiries.remove(Expired.of(seat.member()));
        order.remove(seat.member().seq());
    }

    private void putVote(Vote vote) {
        Vote before = votes.put(vote.voter(), vote);
        if (before != null) {
            expiries.remove(Expired.of(before));
        }
        expiries.add(Expired.of(vote));
        extendTo(vote.expiresAt());
    }

    private Vote removeVote(Username voter) {
        Vote vote = votes.remove(voter);
        if (vote != null) {
            expiries.remove(Expired.of(vote));
        }
        return vote;
    }

    private void extendTo(Instant instant) {
        if (expiresAt == null || instant.isAfter(expiresAt)) {
            expiresAt = instant;
        }
    }

    /** Removes and announces every member and vote expired at {@code now}, in the order they expired. */
    private void prune(Instant now) {
        while (!expiries.isEmpty() && !now.isBefore(expiries.first().at())) {
            Expired expired = expiries.first();
            if (expired.isVote()) {
                Vote vote = removeVote(expired.name());
                emit(new AreaEvent.VoteExpired(area, ++seq, now, expired.name(), vote.venue().id()));
            } else {
                remove(expired.name());
                emit(new AreaEvent.MemberExpired(area, ++seq, now, expired.name(), members.size()));
            }
        }
    }

    private void emit(AreaEvent event) {
        publish.accept(event);
    }
}
