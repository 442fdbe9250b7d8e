package com.wheretoeat.core.service;

import com.wheretoeat.core.AreaFollower;
import com.wheretoeat.core.Presence;
import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.error.RateLimitedException;
import com.wheretoeat.core.error.UnavailableException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.CatchUp;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
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
import com.wheretoeat.core.port.AreaEvents;
import com.wheretoeat.core.port.Draw;
import com.wheretoeat.core.port.AreaListener;
import com.wheretoeat.core.port.AreaPlaces;
import com.wheretoeat.core.port.AreaStore;
import com.wheretoeat.core.port.Clock;
import com.wheretoeat.core.port.Scheduler;
import com.wheretoeat.core.port.Sessions;
import com.wheretoeat.core.port.Subscription;
import com.wheretoeat.core.port.VenueSearch;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;

/** The use cases of {@link WhereToEat} on the driven ports; built by {@code WhereToEat.builder()}. */
public final class AreaService implements WhereToEat {
    /** How far ahead a deadline may be set: a lunch vote decides today. */
    static final Duration MAX_DEADLINE_AHEAD = Duration.ofHours(24);
    /** The largest sequence number a store must read exactly (15 digits: exact in Redis' Lua numbers too). */
    static final long MAX_SEQ = 999_999_999_999_999L;
    private static final System.Logger LOG = System.getLogger(AreaService.class.getName());

    private final AreaStore store;
    private final AreaEvents events;
    private final Sessions sessions;
    private final AreaVenues venues;
    private final Clock clock;
    private final Lifetimes lifetimes;
    private final Guard guard;
    private final Duration timeout;
    private final ExpiryWatch expiry;
    private final Scheduler scheduler;
    private final Presence presence;
    private final ClientRate newSessions;
    private final Draw draw;
    /** Snapshots being read for feeds, by area; see {@link #sharedSnapshot}. */
    private final ConcurrentHashMap<AreaName, CompletableFuture<AreaSnapshot>> snapshotsReading = new ConcurrentHashMap<>();

    public AreaService(AreaStore store, AreaEvents events, Sessions sessions, AreaPlaces places, VenueSearch provider,
            VenueSearch fallback, Clock clock, Scheduler scheduler, Lifetimes lifetimes, Duration timeout,
            Duration presenceGrace, Duration venueTimeout, int sessionsPerClientPerMinute, Draw draw) {
        this.draw = draw;
        this.store = store;
        this.sessions = sessions;
        this.clock = clock;
        this.lifetimes = lifetimes;
        this.guard = new Guard(timeout);
        this.venues = new AreaVenues(places, provider, fallback, guard, clock, lifetimes, venueTimeout);
        this.timeout = timeout;
        this.newSessions = new ClientRate(sessionsPerClientPerMinute, clock);
        this.scheduler = scheduler;
        this.presence = new GracefulPresence((session, area, since) -> guard.call(
                "Something went wrong when letting a member whose connections went leave.",
                () -> store.leaveIfIdle(area, session, since, clock.now())), clock, scheduler, presenceGrace);
        this.expiry = new ExpiryWatch(area -> guard.call("Something went wrong when announcing what expired.",
                () -> store.expire(area, clock.now())), clock, scheduler);
        // The expiry watch learns from each event once per node, not once per listener.
        this.events = new PresenceBatching(events, clock, scheduler, timeout, expiry);
    }

    /**
     * A new session lives only as long as a member would until someone comes back with it: a
     * crawler or a script that never returns must not fill the store for the full session lifetime.
     */
    @Override
    public CompletionStage<SessionId> startSession() {
        Duration first = lifetimes.member().compareTo(lifetimes.session()) < 0 ? lifetimes.member() : lifetimes.session();
        return guard.call("Something went wrong when starting your session. Please try again.",
                () -> sessions.create(clock.now(), first));
    }

    @Override
    public CompletionStage<SessionId> startSession(String client) {
        if (!newSessions.tryTake(client)) {
            return CompletableFuture.failedFuture(new RateLimitedException(
                    "Too many new sessions came from your address in the last minute. Please try again in a minute."));
        }
        return startSession();
    }

    @Override
    public CompletionStage<Optional<SessionId>> resumeSession(String token) {
        SessionId session;
        try {
            session = new SessionId(token);
        } catch (InvalidInputException malformed) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return guard.call("Something went wrong when resuming your session. Please try again.",
                () -> sessions.touch(session, clock.now(), lifetimes.session()))
                .thenApply(live -> live ? Optional.of(session) : Optional.empty());
    }

    @Override
    public CompletionStage<Joined> join(SessionId session, AreaName area, Username name) {
        return guard.call("Something went wrong when joining the area. Please try again.",
                () -> store.join(area, session, name, clock.now(), lifetimes));
    }

    @Override
    public CompletionStage<Vote> vote(SessionId session, AreaName area, Venue venue) {
        return venue.id().isCustom() ? castFor(session, area, venues.typed(area, venue.name())) : vote(session, area, venue.id());
    }

    @Override
    public CompletionStage<Vote> vote(SessionId session, AreaName area, VenueId venue) {
        return castFor(session, area, venues.listed(area, venue));
    }

    /** Casts the vote once the place is known, then keeps the place as long as the vote lives. */
    private CompletionStage<Vote> castFor(SessionId session, AreaName area, CompletionStage<Venue> venue) {
        return venue.thenCompose(place -> guard.call("Something went wrong when adding your vote! Please try again.",
                        () -> store.vote(area, session, place, clock.now(), lifetimes)))
                .thenCompose(vote -> venues.keepVoted(area, vote));
    }

    @Override
    public CompletionStage<Optional<Vote>> retract(SessionId session, AreaName area) {
        return guard.call("Something went wrong when taking your vote back. Please try again.",
                () -> store.retract(area, session, clock.now(), lifetimes));
    }

    @Override
    public CompletionStage<Decision> decide(SessionId session, AreaName area) {
        return guard.call("Something went wrong when deciding. Please try again.",
                () -> store.decide(area, session, clock.now(), lifetimes));
    }

    @Override
    public CompletionStage<Round> setDeadline(SessionId session, AreaName area, Instant deadline) {
        Instant now = clock.now();
        if (deadline != null && (!deadline.isAfter(now) || deadline.isAfter(now.plus(MAX_DEADLINE_AHEAD)))) {
            return CompletableFuture.failedFuture(new InvalidInputException("deadline",
                    "The deadline must be in the future, at most " + MAX_DEADLINE_AHEAD.toHours() + " hours ahead."));
        }
        return guard.call("Something went wrong when setting the deadline. Please try again.",
                () -> store.setDeadline(area, session, deadline, now, lifetimes));
    }

    @Override
    public CompletionStage<Round> setDeadlineIn(SessionId session, AreaName area, Duration in) {
        return setDeadline(session, area, clock.now().plus(in));
    }

    @Override
    public CompletionStage<Decision> breakTie(SessionId session, AreaName area) {
        long pick = draw.next();
        return guard.call("Something went wrong when drawing. Please try again.",
                () -> store.breakTie(area, session, pick, clock.now(), lifetimes));
    }

    @Override
    public CompletionStage<List<Decision>> history(AreaName area) {
        return guard.call("Something went wrong when loading the decisions. Please try again.",
                () -> store.history(area, clock.now()));
    }

    @Override
    public CompletionStage<Optional<AreaEvent.MemberLeft>> leave(SessionId session, AreaName area) {
        return guard.call("Something went wrong when leaving the area. Please try again.",
                () -> store.leave(area, session, clock.now()));
    }

    @Override
    public CompletionStage<Optional<Member>> membership(SessionId session, AreaName area) {
        return guard.call("Something went wrong when loading the area. Please try again.",
                () -> store.member(area, session, clock.now()));
    }

    /**
     * A round whose deadline passed is decided before it is shown, even in an area no node follows
     * live (where no expiry watch would notice): the first reader settles it, once, as a change would.
     */
    @Override
    public CompletionStage<AreaSnapshot> snapshot(AreaName area) {
        return guard.call("Something went wrong when loading the votes. Please try again.", () -> {
            Instant now = clock.now();
            return store.snapshot(area, now).thenCompose(snapshot -> {
                Instant deadline = snapshot.round().deadline();
                if (deadline == null || now.isBefore(deadline)) {
                    return CompletableFuture.completedFuture(snapshot);
                }
                return store.expire(area, now).thenCompose(next -> store.snapshot(area, now));
            });
        });
    }

    @Override
    public CompletionStage<MemberPage> members(AreaName area, long afterSeq) {
        if (afterSeq < 0 || afterSeq > MAX_SEQ) {
            return CompletableFuture.failedFuture(new InvalidInputException("after",
                    "The after must be a member's sequence number: a whole number from 0 to " + MAX_SEQ + "."));
        }
        return guard.call("Something went wrong when loading who is there. Please try again.",
                () -> store.members(area, afterSeq, clock.now()));
    }

    /** While an area has a subscription here, this node also watches it for expiry (see {@link ExpiryWatch}). */
    @Override
    public CompletionStage<Subscription> subscribe(AreaName area, AreaListener listener) {
        return guard.call("Something went wrong when following the area live. Please reload.",
                () -> events.subscribe(area, listener).thenApply(held -> expiry.follow(area, held)), Subscription::close);
    }

    @Override
    public CompletionStage<CatchUp> catchUp(AreaName area, long lastSeen) {
        if (lastSeen < 0) {
            return CompletableFuture.failedFuture(
                    new InvalidInputException("seq", "The last sequence number seen cannot be negative."));
        }
        return guard.call("Something went wrong when catching up. Please reload.", () -> events.since(area, lastSeen))
                .thenCompose(missed -> missed.<CompletionStage<CatchUp>>map(
                                list -> CompletableFuture.completedFuture(new CatchUp.Replay(list)))
                        .orElseGet(() -> snapshot(area).thenApply(CatchUp.Reset::new)));
    }

    @Override
    public CompletionStage<Subscription> follow(AreaName area, long afterSeq, AreaFollower follower) {
        if (afterSeq < 0) {
            return CompletableFuture.failedFuture(
                    new InvalidInputException("seq", "The last sequence number seen cannot be negative."));
        }
        AreaFeed feed = new AreaFeed(area, follower, () -> sharedSnapshot(area), clock, scheduler);
        CompletableFuture<Subscription> answer = new CompletableFuture<>();
        // One deadline for the whole follow, so a caller waits one timeout, not one per step. Either
        // the catch-up is handed over or the caller hears unavailable, never both.
        AtomicBoolean settled = new AtomicBoolean();
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (settled.compareAndSet(false, true)) {
                feed.close();
                answer.completeExceptionally(new UnavailableException(
                        "Something went wrong when following the area live. Please reload. " + Guard.MAY_HAVE_HAPPENED, null));
            }
        });
        subscribe(area, feed).thenCompose(subscription -> {
            Subscription both = () -> {
                feed.close();
                subscription.close();
            };
            return catchUp(area, afterSeq).handle((missed, error) -> {
                if (error != null || !settled.compareAndSet(false, true)) {
                    both.close();
                    if (error != null && settled.compareAndSet(false, true)) {
                        answer.completeExceptionally(Guard.unwrap(error));
                    }
                    return null;
                }
                try {
                    feed.caughtUp(afterSeq, missed);
                    answer.complete(both);
                } catch (RuntimeException e) {
                    both.close();
                    answer.completeExceptionally(e);
                }
                return null;
            });
        }).whenComplete((ignored, error) -> {
            if (error != null && settled.compareAndSet(false, true)) {
                feed.close();
                answer.completeExceptionally(Guard.unwrap(error));
            }
        });
        return answer;
    }

    /**
     * The area's snapshot, read once for all the feeds of this node that ask at the same time: after
     * an interruption every follower of the area resets at once, and one read serves them all.
     */
    private CompletionStage<AreaSnapshot> sharedSnapshot(AreaName area) {
        CompletableFuture<AreaSnapshot> mine = new CompletableFuture<>();
        CompletableFuture<AreaSnapshot> reading = snapshotsReading.putIfAbsent(area, mine);
        if (reading != null) {
            return reading;
        }
        snapshot(area).whenComplete((snapshot, error) -> {
            snapshotsReading.remove(area, mine);
            if (error != null) {
                mine.completeExceptionally(error);
            } else {
                mine.complete(snapshot);
            }
        });
        return mine;
    }

    @Override
    public Presence presence() {
        return presence;
    }

    @Override
    public CompletionStage<VenueResults> searchVenues(AreaName area, VenueQuery query) {
        return venues.search(area, query);
    }
}
