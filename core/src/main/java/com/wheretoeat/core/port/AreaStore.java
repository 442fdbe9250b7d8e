package com.wheretoeat.core.port;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The state of every area: members, votes and the sequence number. Each change is one atomic
 * step that assigns the next sequence number to each event it makes and hands those events to
 * {@link AreaEvents} of every node, so that no recorded change goes unannounced.
 *
 * <p>Methods never block the caller: they return at once and complete later. A storage failure
 * completes the stage exceptionally. Expected refusals complete it with
 * {@link com.wheretoeat.core.error.NameTakenException} or
 * {@link com.wheretoeat.core.error.NotJoinedException}. {@code now} is the time of the change,
 * so expiry is judged by the caller's clock; everything that expired at {@code now} is gone
 * from every answer. A change that is carried out first announces what expired by {@code now}
 * ({@code MemberExpired}, {@code VoteExpired}, numbered before its own events, in the same atomic
 * step); a refused change and the reads change nothing. The rules are specified by the contract
 * suite in core's test-jar.
 */
public interface AreaStore {

    /**
     * Makes {@code session} a member named {@code name}, or refreshes it when it already is; answers
     * the member and the area's snapshot just after.
     * A name held by another session is refused; a session that held another name in the area
     * gives it up (member left, then member joined). The member's vote, if any, stays.
     */
    CompletionStage<Joined> join(AreaName area, SessionId session, Username name, Instant now, Lifetimes lifetimes);

    /**
     * Casts the member's vote, or moves it when it was for another venue (one event either way).
     * Voting again for the same venue changes nothing and answers the standing vote.
     */
    CompletionStage<Vote> vote(AreaName area, SessionId session, Venue venue, Instant now, Lifetimes lifetimes);

    /** Takes the member's vote back; answers the vote that was retracted, or empty when there was none. */
    CompletionStage<Optional<Vote>> retract(AreaName area, SessionId session, Instant now, Lifetimes lifetimes);

    /**
     * Ends the membership and frees the name; the member's vote counts on until it expires.
     * Answers the event it made, so the leaver can be told even after it stops listening; empty
     * when the session is no member (it left already, expired or never joined), so leaving twice,
     * as a retry does, is safe.
     */
    CompletionStage<Optional<AreaEvent.MemberLeft>> leave(AreaName area, SessionId session, Instant now);

    /**
     * Like {@link #leave}, but only for a member not active after {@code idleSince}, in the same
     * atomic step: for a member whose connections went away, so that one who came back meanwhile
     * (on another node: joining again counts as activity) stays. Empty when the session is no
     * member, or was active since.
     */
    CompletionStage<Optional<AreaEvent.MemberLeft>> leaveIfIdle(AreaName area, SessionId session, Instant idleSince,
            Instant now);

    /** The member {@code session} is in the area at {@code now}, if it is one. Reads only. */
    CompletionStage<Optional<Member>> member(AreaName area, SessionId session, Instant now);

    /**
     * Everything live in the area at {@code now}, with the first page of its members and their count;
     * an area nobody used is empty at sequence 0. Reads only, at a cost that does not grow with the
     * number of members.
     */
    CompletionStage<AreaSnapshot> snapshot(AreaName area, Instant now);

    /**
     * The live members at {@code now} whose sequence number is above {@code afterSeq}, in order of
     * joining: a page of at most {@link AreaSnapshot#MEMBER_PAGE}, the count of all, and whether more
     * follow. Reads only.
     */
    CompletionStage<MemberPage> members(AreaName area, long afterSeq, Instant now);

    /**
     * Closes the current round, in one atomic step: announces and keeps its decision (the final
     * tally, the place or places with the most votes, who decided, when), removes its votes and
     * begins the next round. A round whose deadline passed is decided by it first, and that decision
     * is the answer. A round without votes is refused with
     * {@link com.wheretoeat.core.error.NothingToDecideException}, a non-member with not-joined.
     */
    CompletionStage<Decision> decide(AreaName area, SessionId session, Instant now, Lifetimes lifetimes);

    /**
     * Sets or moves the current round's deadline to {@code deadline} (after {@code now}), or clears
     * it (null); answers the round. At the deadline the round decides itself, exactly once, by the
     * first change or {@link #expire} that finds it due on any node.
     */
    CompletionStage<Round> setDeadline(AreaName area, SessionId session, Instant deadline, Instant now, Lifetimes lifetimes);

    /**
     * Breaks the latest decision's tie: the place drawn is one of the winners, chosen by {@code pick}
     * (a number from the {@link Draw} port, taken modulo the number of winners). Refused with
     * {@link com.wheretoeat.core.error.NoTieException} when the latest decision is no tie or was broken.
     */
    CompletionStage<Decision> breakTie(AreaName area, SessionId session, long pick, Instant now, Lifetimes lifetimes);

    /** The area's latest decisions, newest first: the last 30. Reads only. */
    CompletionStage<List<Decision>> history(AreaName area, Instant now);

    /**
     * Announces everything in the area that expired by {@code now}, and decides a round whose
     * deadline passed, in one atomic step, and answers when the next member or vote will expire or
     * the next deadline comes (empty when neither is left). Calling it again, from
     * any node, announces nothing more. An area whose last member and vote expired is announced,
     * then forgotten: it starts again at sequence 1.
     */
    CompletionStage<Optional<Instant>> expire(AreaName area, Instant now);
}
