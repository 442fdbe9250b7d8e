package com.wheretoeat.core;

import com.wheretoeat.core.memory.InMemoryAreaEvents;
import com.wheretoeat.core.memory.InMemoryAreaPlaces;
import com.wheretoeat.core.memory.InMemoryAreaStore;
import com.wheretoeat.core.memory.InMemorySessions;
import com.wheretoeat.core.memory.InMemoryVenueCatalog;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.port.AreaEvents;
import com.wheretoeat.core.port.Draw;
import com.wheretoeat.core.port.AreaPlaces;
import com.wheretoeat.core.port.AreaStore;
import com.wheretoeat.core.port.Clock;
import com.wheretoeat.core.port.Scheduler;
import com.wheretoeat.core.port.Sessions;
import com.wheretoeat.core.port.VenueSearch;
import com.wheretoeat.core.service.AreaService;
import java.time.Duration;
import java.util.Objects;

/**
 * Wires {@link WhereToEat} to its driven ports. The area store and the area events go together:
 * set both or neither (the in-memory pair is used then). Timers (for announcing expiry in the areas
 * this node follows) come from the {@link #scheduler}: by default the clock itself when it is a
 * {@link Scheduler} (as {@link com.wheretoeat.core.memory.ManualClock} is, so moving it runs what
 * came due), otherwise {@link Scheduler#system(Clock)}, one shared daemon thread.
 */
public final class WhereToEatBuilder {
    /** How long a call may wait for storage before it fails as {@code unavailable}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** How long a member stays after its last connection went, for a reload or a reconnect to come back. */
    public static final Duration DEFAULT_PRESENCE_GRACE = Duration.ofSeconds(10);

    /** How long a place search may wait for its provider before it answers from the fallback. */
    public static final Duration DEFAULT_VENUE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How many sessions one client may start a minute: a person joins a few areas a day, an office
     * behind one address a few dozen people at lunch; a script minting sessions gets no further.
     */
    public static final int DEFAULT_SESSIONS_PER_CLIENT_PER_MINUTE = 120;

    private AreaStore areaStore;
    private AreaEvents areaEvents;
    private Sessions sessions;
    private AreaPlaces areaPlaces;
    private VenueSearch venueSearch;
    private VenueSearch venueFallback;
    private Duration venueTimeout = DEFAULT_VENUE_TIMEOUT;
    private Clock clock = Clock.system();
    private Scheduler scheduler;
    private Lifetimes lifetimes = Lifetimes.DEFAULT;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration presenceGrace = DEFAULT_PRESENCE_GRACE;
    private int sessionsPerClientPerMinute = DEFAULT_SESSIONS_PER_CLIENT_PER_MINUTE;
    private Draw draw = Draw.secure();

    WhereToEatBuilder() {}

    public WhereToEatBuilder areas(AreaStore store, AreaEvents events) {
        this.areaStore = Objects.requireNonNull(store, "store");
        this.areaEvents = Objects.requireNonNull(events, "events");
        return this;
    }

    public WhereToEatBuilder sessions(Sessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        return this;
    }

    /** Where an area's places and map centre are kept; in memory by default (one node only). */
    public WhereToEatBuilder places(AreaPlaces places) {
        this.areaPlaces = Objects.requireNonNull(places, "places");
        return this;
    }

    /** The provider of places; by default the example catalog. */
    public WhereToEatBuilder venueSearch(VenueSearch venueSearch) {
        this.venueSearch = Objects.requireNonNull(venueSearch, "venueSearch");
        return this;
    }

    /** Where a search turns when the provider fails (a local catalog); by default nowhere. */
    public WhereToEatBuilder venueFallback(VenueSearch fallback) {
        this.venueFallback = Objects.requireNonNull(fallback, "fallback");
        return this;
    }

    /** How long a search or a lookup waits for the provider, then for the fallback. */
    public WhereToEatBuilder venueTimeout(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("The venue timeout must be positive, was " + timeout);
        }
        this.venueTimeout = timeout;
        return this;
    }

    public WhereToEatBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Where timers come from; they are judged by the {@link #clock}. */
    public WhereToEatBuilder scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    public WhereToEatBuilder lifetimes(Lifetimes lifetimes) {
        this.lifetimes = Objects.requireNonNull(lifetimes, "lifetimes");
        return this;
    }

    public WhereToEatBuilder timeout(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("The timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * How long a member whose last connection went away stays, in case one comes back (a reload,
     * a reconnect); see {@link Presence}.
     */
    public WhereToEatBuilder presenceGrace(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("The presence grace cannot be negative, was " + grace);
        }
        this.presenceGrace = grace;
        return this;
    }

    /** Where the draws that break ties come from; by default {@link Draw#secure()}. */
    public WhereToEatBuilder draw(Draw draw) {
        this.draw = Objects.requireNonNull(draw, "draw");
        return this;
    }

    /** How many sessions one client may start a minute through {@link WhereToEat#startSession(String)}. */
    public WhereToEatBuilder sessionsPerClientPerMinute(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The sessions a client may start a minute must be at least 1, was " + limit);
        }
        this.sessionsPerClientPerMinute = limit;
        return this;
    }

    public WhereToEat build() {
        AreaStore store = areaStore;
        AreaEvents events = areaEvents;
        if (store == null) {
            InMemoryAreaEvents inMemory = new InMemoryAreaEvents();
            store = new InMemoryAreaStore(inMemory);
            events = inMemory;
        }
        return new AreaService(
                store,
                events,
                sessions == null ? new InMemorySessions() : sessions,
                areaPlaces == null ? new InMemoryAreaPlaces() : areaPlaces,
                venueSearch == null ? InMemoryVenueCatalog.withExamples() : venueSearch,
                venueFallback,
                clock,
                scheduler != null ? scheduler : clock instanceof Scheduler own ? own : Scheduler.system(clock),
                lifetimes,
                timeout,
                presenceGrace,
                venueTimeout,
                sessionsPerClientPerMinute,
                draw);
    }
}
