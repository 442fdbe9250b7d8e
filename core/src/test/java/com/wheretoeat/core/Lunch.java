package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;

import com.wheretoeat.core.contract.RecordingListener;
import com.wheretoeat.core.memory.InMemoryAreaEvents;
import com.wheretoeat.core.memory.InMemoryAreaPlaces;
import com.wheretoeat.core.memory.InMemoryAreaStore;
import com.wheretoeat.core.memory.InMemorySessions;
import com.wheretoeat.core.memory.InMemoryVenueCatalog;
import com.wheretoeat.core.memory.ManualClock;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A lunchtime in the office, for specs: Where to Eat on in-memory adapters, a clock the spec
 * moves, and people who join, vote and leave.
 */
final class Lunch {
    static final Duration TIMEOUT = Duration.ofMillis(100);
    /** In memory, events arrive on the thread that made the change: nothing more comes after it returns. */
    static final Duration QUIET = Duration.ZERO;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T11:45:00Z"));
    final InMemoryAreaEvents events = new InMemoryAreaEvents();
    final InMemoryAreaStore store = new InMemoryAreaStore(events);
    final InMemorySessions sessions = new InMemorySessions();
    final InMemoryVenueCatalog venues = InMemoryVenueCatalog.withExamples();
    final InMemoryAreaPlaces places = new InMemoryAreaPlaces();
    final WhereToEat app;
    final AreaName office = AreaName.of("office-3f");
    private final Lifetimes lifetimes;

    Lunch() {
        this(Lifetimes.DEFAULT);
    }

    Lunch(Lifetimes lifetimes) {
        this.lifetimes = lifetimes;
        app = anotherNode();
    }

    /** One more app node on the same storage and clock, as a second server behind the same Redis. */
    WhereToEat anotherNode() {
        return WhereToEat.builder()
                .areas(store, events)
                .sessions(sessions)
                .places(places)
                .venueSearch(venues)
                .clock(clock)
                .lifetimes(lifetimes)
                .timeout(TIMEOUT)
                .build();
    }

    /** Someone with a session of their own, not yet in any area. */
    Person person(String name) {
        return new Person(result(app.startSession()), Username.of(name), office);
    }

    /** Someone who already joined the office area. */
    Person joined(String name) {
        Person person = person(name);
        person.join();
        return person;
    }

    AreaSnapshot snapshot() {
        return result(app.snapshot(office));
    }

    RecordingListener watch() {
        return watch(office);
    }

    RecordingListener watch(AreaName area) {
        return watchOn(app, area);
    }

    /** Someone following the office live through {@code node}. */
    RecordingListener watchOn(WhereToEat node) {
        return watchOn(node, office);
    }

    /** The node's first look at the area's expiry is due at once; a real timer thread would take it now. */
    private RecordingListener watchOn(WhereToEat node, AreaName area) {
        RecordingListener listener = new RecordingListener();
        result(node.subscribe(area, listener));
        clock.advance(Duration.ZERO);
        return listener;
    }

    void laterBy(Duration duration) {
        clock.advance(duration);
    }

    /** One person at lunch, acting in one area. */
    final class Person {
        final SessionId session;
        final Username name;
        final AreaName area;

        Person(SessionId session, Username name, AreaName area) {
            this.session = session;
            this.name = name;
            this.area = area;
        }

        Person in(AreaName other) {
            return new Person(session, name, other);
        }

        Person as(String otherName) {
            return new Person(session, Username.of(otherName), area);
        }

        Joined join() {
            return result(app.join(session, area, name));
        }

        Vote voteFor(Venue venue) {
            return result(app.vote(session, area, venue));
        }

        Optional<Vote> retract() {
            return result(app.retract(session, area));
        }

        void leave() {
            result(app.leave(session, area));
        }
    }
}
