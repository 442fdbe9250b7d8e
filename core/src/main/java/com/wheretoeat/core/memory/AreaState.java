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
import com.wheretoeat.core.error.NoTieException;
import com.wheretoeat.core.error.NothingToDecideException;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.Tally;
import java.util.ArrayDeque;
import java.util.Deque;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
    /** How many decisions an area keeps. */
    static final int HISTORY = 30;

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
    private Round round = Round.first();
    /** The latest decisions, oldest first, at most {@link #HISTORY}. */
    private final Deque<Decision> history = new ArrayDeque<>();

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

    /**
     * Closes the round: answers its decision, made now by the session's member; or, when the round's
     * deadline passed already, the decision the deadline made. A round without votes is refused.
     */
    Decision decide(SessionId session, Instant now, Lifetimes lifetimes) {
        if (liveNameOf(session, now) == null) {
            throw new NotJoinedException();
        }
        boolean dueAlready = dueDecision(now).isPresent();
        if (!dueAlready && votesLiveAt(now).isEmpty()) {
            throw new NothingToDecideException();
        }
        Username name = activeMember(session, now, lifetimes);
        if (dueAlready) {
            return history.getLast(); // the deadline's, made by the expiry pass of activeMember
        }
        return close(Decision.of(round.number(), now, name, Tally.of(votes.values())), now);
    }

    /** Sets, changes or (with null) clears the round's deadline; answers the round. */
    Round setDeadline(SessionId session, Instant deadline, Instant now, Lifetimes lifetimes) {
        Username name = activeMember(session, now, lifetimes);
        if (deadline == null && round.deadline() == null) {
            return round;
        }
        round = new Round(round.number(), deadline, deadline == null ? null : name, round.latest());
        emit(new AreaEvent.DeadlineSet(area, ++seq, now, deadline, name));
        return round;
    }

    /** Breaks the latest decision's tie with {@code pick}; answers the decision with the place drawn. */
    Decision breakTie(SessionId session, long pick, Instant now, Lifetimes lifetimes) {
        if (liveNameOf(session, now) == null) {
            throw new NotJoinedException();
        }
        Decision latest = dueDecision(now).orElse(round.latest());
        if (latest == null || !latest.breakable()) {
            throw new NoTieException(latest == null ? "Nothing has been decided here yet, so there is no tie to break."
                    : latest.tie() ? "This tie was broken already." : "The last decision is no tie: it has one winner.");
        }
        Username name = activeMember(session, now, lifetimes);
        Decision drawn = history.removeLast().drawn(pick, name);
        history.addLast(drawn);
        round = new Round(round.number(), round.deadline(), round.deadlineBy(), drawn);
        emit(new AreaEvent.TieBroken(area, ++seq, now, drawn));
        return drawn;
    }

    /** The latest decisions, newest first. */
    List<Decision> history() {
        List<Decision> newestFirst = new ArrayList<>(history);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** What is live at {@code now}, with the first page of members; reads only, so what expired stays to be announced. */
    AreaSnapshot snapshot(Instant now) {
        MemberPage first = members(0, now);
        return AreaSnapshot.of(area, seq, first.members(), first.memberCount(), votesLiveAt(now), round);
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

    /**
     * Announces what expired by {@code now} and decides a round whose deadline passed; answers when
     * the next member or vote expires or the deadline comes, whichever is first.
     */
    Optional<Instant> expire(Instant now) {
        prune(now);
        Instant next = expiries.isEmpty() ? null : expiries.first().at();
        if (round.deadline() != null && (next == null || round.deadline().isBefore(next))) {
            next = round.deadline();
        }
        return Optional.ofNullable(next);
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
        } else {
            byKey.put(keys.keyOf(member.name()), member.name()); // a refresh (every vote) keeps the name's key
        }
        expiries.add(Expired.of(member));
        order.put(member.seq(), member.name());
        names.put(session, member.name());
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

    /**
     * Removes and announces every member and vote expired at {@code now}, in the order they expired,
     * and decides the round at its deadline among them: the votes live at the deadline count.
     */
    private void prune(Instant now) {
        while (!expiries.isEmpty() && !now.isBefore(expiries.first().at()) || deadlineDue(now)) {
            if (deadlineDue(now) && (expiries.isEmpty() || expiries.first().at().isAfter(round.deadline()))) {
                settleDeadline(now);
                continue;
            }
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

    /**
     * The decision the round's deadline makes when a change at {@code now} settles it: empty when no
     * deadline is due, or none of the votes was alive at it (the deadline then lapses). Reads only, so a
     * request can be refused on it before anything is written.
     */
    private Optional<Decision> dueDecision(Instant now) {
        if (!deadlineDue(now)) {
            return Optional.empty();
        }
        List<Vote> counted = votesLiveAt(round.deadline());
        return counted.isEmpty() ? Optional.empty()
                : Optional.of(Decision.of(round.number(), round.deadline(), null, Tally.of(counted)));
    }

    private boolean deadlineDue(Instant now) {
        return round.deadline() != null && !now.isBefore(round.deadline());
    }

    /** Under prune: the deadline came; the round decides itself, or the deadline lapses when nobody voted. */
    private void settleDeadline(Instant now) {
        Instant deadline = round.deadline();
        if (votes.isEmpty()) {
            round = new Round(round.number(), null, null, round.latest());
            emit(new AreaEvent.DeadlineSet(area, ++seq, now, null, null));
        } else {
            close(Decision.of(round.number(), deadline, null, Tally.of(votes.values())), now);
        }
    }

    /** Ends the round with {@code decision}: announces it, keeps it, and starts the next round without votes. */
    private Decision close(Decision decision, Instant now) {
        for (Username voter : List.copyOf(votes.keySet())) {
            removeVote(voter);
        }
        history.addLast(decision);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        round = new Round(round.number() + 1, null, null, decision);
        emit(new AreaEvent.RoundDecided(area, ++seq, now, decision));
        return decision;
    }

    private List<Vote> votesLiveAt(Instant instant) {
        return votes.values().stream().filter(v -> v.isLiveAt(instant)).toList();
    }

    private void emit(AreaEvent event) {
        publish.accept(event);
    }
}
