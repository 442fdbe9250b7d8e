package com.wheretoeat.core;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.CatchUp;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.model.VenueResults;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.core.port.AreaListener;
import com.wheretoeat.core.port.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Everything a person can do in Where to Eat: the one entry point for adapters and embedders.
 * Build one with {@link #builder()}.
 *
 * <p>Every method returns at once. A stage fails with a
 * {@link com.wheretoeat.core.error.WhereToEatException} whose code says why: {@code name-taken},
 * {@code not-joined}, or {@code unavailable} when storage failed or did not answer in time.
 * Invalid values are refused earlier, when they are constructed ({@code bad-request}).
 */
public interface WhereToEat {

    /** A builder whose every part defaults to the in-memory adapters and the system clock. */
    static WhereToEatBuilder builder() {
        return new WhereToEatBuilder();
    }

    /**
     * Starts a new session for a browser or client. It lives as long as a member would, and the
     * full session lifetime from each time it is resumed.
     */
    CompletionStage<SessionId> startSession();

    /**
     * Starts a new session, as {@link #startSession()} does, for a client known by {@code client}
     * (its address, as {@link com.wheretoeat.core.model.TrustedProxies#clientOf} finds it): each
     * client may start a limited number a minute (the builder's {@code sessionsPerClientPerMinute}),
     * and past it the stage fails with {@code rate-limited} without starting one. Other clients are
     * not affected. Transports call this at the first request that needs a session, never on reading.
     */
    CompletionStage<SessionId> startSession(String client);

    /** The session for {@code token} when it is well-formed and live (extending its life), or empty. */
    CompletionStage<Optional<SessionId>> resumeSession(String token);

    /** Joins {@code area} as {@code name}, or rejoins after a reconnect; answers who you are and what is there. */
    CompletionStage<Joined> join(SessionId session, AreaName area, Username name);

    /**
     * Casts your vote for {@code venue}, or moves it there. The server decides what the place is: a
     * typed place ({@link Venue#custom}) counts by its name alone, and is the area's listed place of
     * the same name when there is one (ignoring case, accents and spaces); any other place counts by
     * its id alone, as {@link #vote(SessionId, AreaName, VenueId)} does.
     */
    CompletionStage<Vote> vote(SessionId session, AreaName area, Venue venue);

    /**
     * Casts your vote for the place known by {@code venue}, or moves it there: one this area's search
     * listed or someone typed here (with the details the server holds), or else one the provider
     * knows; an id that neither knows is refused ({@code bad-request}).
     */
    CompletionStage<Vote> vote(SessionId session, AreaName area, VenueId venue);

    /**
     * Closes the area's current round: everyone in the area hears the decision (the place or places
     * with the most votes, the final tally with its voters, who decided, when), it is kept in the
     * history, and a new round begins without votes. Refused with {@code nothing-to-decide} when
     * nobody has voted in this round. When the round's deadline passed already, its decision is
     * the answer.
     */
    CompletionStage<Decision> decide(SessionId session, AreaName area);

    /**
     * Sets, moves or (with null) clears the current round's deadline: at that instant the round
     * decides itself, exactly once, whichever node notices first. A deadline must be in the future
     * and at most a day ahead ({@code bad-request}).
     */
    CompletionStage<Round> setDeadline(SessionId session, AreaName area, Instant deadline);

    /** Sets the current round's deadline {@code in} from now, as {@link #setDeadline} does. */
    CompletionStage<Round> setDeadlineIn(SessionId session, AreaName area, Duration in);

    /**
     * Breaks the latest decision's tie: the server draws one of the tied places (from the builder's
     * {@link com.wheretoeat.core.port.Draw}) and announces the draw as such. Refused with
     * {@code no-tie} when the latest decision is no tie or its tie was broken already.
     */
    CompletionStage<Decision> breakTie(SessionId session, AreaName area);

    /** The area's latest decisions, newest first (the last 30 at most), for everyone in the area. */
    CompletionStage<List<Decision>> history(AreaName area);

    /** Takes your vote back; answers the vote that was retracted, if there was one. */
    CompletionStage<Optional<Vote>> retract(SessionId session, AreaName area);

    /**
     * Leaves the area and frees your name; your vote counts on until it expires. Answers the event
     * it made, or empty when you were no member (so a retry of a leave that went through is safe).
     */
    CompletionStage<Optional<AreaEvent.MemberLeft>> leave(SessionId session, AreaName area);

    /** The member {@code session} is in {@code area}, if it joined and has not left or expired. */
    CompletionStage<Optional<Member>> membership(SessionId session, AreaName area);

    /**
     * Who is in the area (the first {@link AreaSnapshot#MEMBER_PAGE} members in order of joining, and
     * how many in all), the current votes and the ranking.
     */
    CompletionStage<AreaSnapshot> snapshot(AreaName area);

    /**
     * The area's members after the one numbered {@code afterSeq}, in order of joining: the next page
     * after a snapshot's (or a page's) last member, at most {@link AreaSnapshot#MEMBER_PAGE}.
     */
    CompletionStage<MemberPage> members(AreaName area, long afterSeq);

    /**
     * Delivers the area's events to {@code listener} until the subscription is closed. In an area of
     * more than {@link AreaEvent.PresenceBatch#BATCHED_ABOVE} members, joins, leaves and member
     * expiries come as {@link AreaEvent.PresenceBatch}es.
     */
    CompletionStage<Subscription> subscribe(AreaName area, AreaListener listener);

    /** What happened in the area since sequence number {@code lastSeen}: the events, or a fresh snapshot. */
    CompletionStage<CatchUp> catchUp(AreaName area, long lastSeen);

    /**
     * Follows {@code area} from just after {@code afterSeq} without gaps or repeats, whatever the
     * transport: {@code follower} first gets what it missed (the events, or a snapshot when they are
     * gone), then every event in sequence order; after any interruption of delivery, or when the
     * area starts again, a fresh snapshot (fetched again with backoff until it succeeds) and what
     * follows it. The stage completes once the catch-up was handed over, or fails (and nothing is
     * delivered) when it could not be had. Closing the subscription stops delivery.
     */
    CompletionStage<Subscription> follow(AreaName area, long afterSeq, AreaFollower follower);

    /** This node's rule for when a member leaves because its connections went away; transports report to it. */
    Presence presence();

    /**
     * Places to eat in {@code area} matching {@code query}: the area's typed places first, then the
     * provider's (or the fallback catalog's, said so, when the provider fails). Without a point the
     * search goes around the area's centre, which the first point searched there sets.
     */
    CompletionStage<VenueResults> searchVenues(AreaName area, VenueQuery query);
}
