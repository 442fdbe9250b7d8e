package com.wheretoeat.core.memory;

import com.wheretoeat.core.error.NameTakenException;
import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One area's members and votes, and the rules that change them. Not thread-safe: the store
 * serializes access per area. Every change hands its events to {@code publish} in sequence order.
 */
final class AreaState {
    private final AreaName area;
    private final Consumer<AreaEvent> publish;
    private final Map<Username, Seat> members = new LinkedHashMap<>();
    private final Map<SessionId, Username> names = new HashMap<>();
    private final Map<Username, Vote> votes = new LinkedHashMap<>();
    private long seq;
    /** When the last member and vote expire; {@code null} until the first join. */
    private Instant expiresAt;

    private record Seat(SessionId session, Member member) {}

    AreaState(AreaName area, Consumer<AreaEvent> publish) {
        this.area = area;
        this.publish = publish;
    }

    /** Whether everything in the area has expired at {@code now}, so the area can be forgotten. */
    boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    Joined join(SessionId session, Username name, Instant now, Lifetimes lifetimes) {
        prune(now);
        Seat holder = members.get(name);
        if (holder != null && !holder.session().equals(session)) {
            throw new NameTakenException(name.value());
        }
        Username previous = names.get(session);
        if (previous != null && !previous.equals(name)) {
            remove(previous);
            emit(new AreaEvent.MemberLeft(area, ++seq, now, previous));
        }
        Member member;
        if (holder != null) {
            member = new Member(name, holder.member().seq(), now, now.plus(lifetimes.member()));
        } else {
            member = new Member(name, ++seq, now, now.plus(lifetimes.member()));
            emit(new AreaEvent.MemberJoined(area, seq, now, member));
        }
        seat(session, member);
        return new Joined(member, snapshot(now));
    }

    Vote vote(SessionId session, Venue venue, Instant now, Lifetimes lifetimes) {
        Username voter = activeMember(session, now, lifetimes);
        Vote standing = votes.get(voter);
        if (standing != null && standing.venue().id().equals(venue.id())) {
            return standing;
        }
        Vote vote = new Vote(voter, venue, ++seq, now, now.plus(lifetimes.vote()));
        votes.put(voter, vote);
        extendTo(vote.expiresAt());
        emit(standing == null
                ? new AreaEvent.VoteCast(area, seq, now, vote)
                : new AreaEvent.VoteMoved(area, seq, now, vote, standing.venue().id()));
        return vote;
    }

    Optional<Vote> retract(SessionId session, Instant now, Lifetimes lifetimes) {
        Username voter = activeMember(session, now, lifetimes);
        Vote standing = votes.remove(voter);
        if (standing != null) {
            emit(new AreaEvent.VoteRetracted(area, ++seq, now, voter, standing.venue().id()));
        }
        return Optional.ofNullable(standing);
    }

    AreaEvent.MemberLeft leave(SessionId session, Instant now) {
        prune(now);
        Username name = names.get(session);
        if (name == null) {
            throw new NotJoinedException();
        }
        remove(name);
        AreaEvent.MemberLeft left = new AreaEvent.MemberLeft(area, ++seq, now, name);
        emit(left);
        return left;
    }

    Optional<Member> member(SessionId session, Instant now) {
        Username name = names.get(session);
        Seat seat = name == null ? null : members.get(name);
        return seat == null || !seat.member().isLiveAt(now) ? Optional.empty() : Optional.of(seat.member());
    }

    AreaSnapshot snapshot(Instant now) {
        prune(now);
        return AreaSnapshot.of(area, seq, members.values().stream().map(Seat::member).toList(), List.copyOf(votes.values()));
    }

    /** The session's name after refreshing its activity; refuses a session that is not a member. */
    private Username activeMember(SessionId session, Instant now, Lifetimes lifetimes) {
        prune(now);
        Username name = names.get(session);
        if (name == null) {
            throw new NotJoinedException();
        }
        Member member = members.get(name).member();
        seat(session, new Member(name, member.seq(), now, now.plus(lifetimes.member())));
        return name;
    }

    private void seat(SessionId session, Member member) {
        members.put(member.name(), new Seat(session, member));
        names.put(session, member.name());
        extendTo(member.expiresAt());
    }

    private void remove(Username name) {
        Seat seat = members.remove(name);
        names.remove(seat.session());
    }

    private void extendTo(Instant instant) {
        if (expiresAt == null || instant.isAfter(expiresAt)) {
            expiresAt = instant;
        }
    }

    private void prune(Instant now) {
        List<Username> gone = new ArrayList<>();
        members.forEach((name, seat) -> {
            if (!seat.member().isLiveAt(now)) {
                gone.add(name);
            }
        });
        gone.forEach(this::remove);
        votes.values().removeIf(vote -> !vote.isLiveAt(now));
    }

    private void emit(AreaEvent event) {
        publish.accept(event);
    }
}
