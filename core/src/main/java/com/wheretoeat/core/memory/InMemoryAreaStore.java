package com.wheretoeat.core.memory;

import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.core.port.AreaStore;
import com.wheretoeat.core.port.NameKeys;
import java.time.Instant;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Areas kept in this JVM, for embedding and for tests. Thread-safe: changes to one area are
 * serialized and announced on the given {@link InMemoryAreaEvents} in sequence order, while
 * different areas never wait for each other. An area whose everything expired is forgotten, its
 * expiries announced, by {@link #expire} or by a sweep every 1,024 calls.
 */
public final class InMemoryAreaStore implements AreaStore {
    /** Every this many calls, areas nobody touched since they expired are swept away. */
    private static final int SWEEP_EVERY = 1024;

    private final InMemoryAreaEvents events;
    private final NameKeys keys;
    private final ConcurrentHashMap<AreaName, AreaState> areas = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final FaultSwitch faults = new FaultSwitch();

    /** A store that tells names apart with the JDK-only {@link FoldedNameKeys}. */
    public InMemoryAreaStore(InMemoryAreaEvents events) {
        this(events, new FoldedNameKeys());
    }

    /** A store where two members may not hold names of equal {@code keys}. */
    public InMemoryAreaStore(InMemoryAreaEvents events, NameKeys keys) {
        this.events = Objects.requireNonNull(events, "events");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Makes every call act out {@code fault}, to test how callers meet an outage. */
    public void simulate(Fault fault) {
        faults.set(fault);
    }

    /** How many areas are held in memory now. */
    public int areaCount() {
        return areas.size();
    }

    @Override
    public CompletionStage<Joined> join(AreaName area, SessionId session, Username name, Instant now, Lifetimes lifetimes) {
        return faults.run("area store", () -> inArea(area, now, Access.CREATE,
                state -> state.join(session, name, now, lifetimes), null));
    }

    @Override
    public CompletionStage<Vote> vote(AreaName area, SessionId session, Venue venue, Instant now, Lifetimes lifetimes) {
        return faults.run("area store", () -> inArea(area, now, Access.USE,
                state -> state.vote(session, venue, now, lifetimes), InMemoryAreaStore::notJoined));
    }

    @Override
    public CompletionStage<Optional<Vote>> retract(AreaName area, SessionId session, Instant now, Lifetimes lifetimes) {
        return faults.run("area store", () -> inArea(area, now, Access.USE,
                state -> state.retract(session, now, lifetimes), InMemoryAreaStore::notJoined));
    }

    @Override
    public CompletionStage<Optional<AreaEvent.MemberLeft>> leave(AreaName area, SessionId session, Instant now) {
        return faults.run("area store", () -> inArea(area, now, Access.USE,
                state -> state.leave(session, now), Optional::empty));
    }

    @Override
    public CompletionStage<Optional<AreaEvent.MemberLeft>> leaveIfIdle(AreaName area, SessionId session, Instant idleSince,
            Instant now) {
        return faults.run("area store", () -> inArea(area, now, Access.USE,
                state -> state.leaveIfIdle(session, idleSince, now), Optional::empty));
    }

    @Override
    public CompletionStage<Optional<Member>> member(AreaName area, SessionId session, Instant now) {
        return faults.run("area store", () -> inArea(area, now, Access.USE,
                state -> state.member(session, now), Optional::empty));
    }

    @Override
    public CompletionStage<AreaSnapshot> snapshot(AreaName area, Instant now) {
        return faults.run("area store", () -> inArea(area, now, Access.USE,
                state -> state.snapshot(now), () -> AreaSnapshot.empty(area)));
    }

    @Override
    public CompletionStage<Decision> decide(AreaName area, SessionId session, Instant now, Lifetimes lifetimes) {
        return faults.run("area store", () -> inArea(area, now, Access.USE,
                state -> state.decide(session, now, lifetimes), InMemoryAreaStore::notJoined));
    }

    @Override
    public CompletionStage<Round> setDeadline(AreaName area, SessionId session, Instant deadline, Instant now,
            Lifetimes lifetimes) {
        return faults.run("area store", () -> inArea(area, now, Access.USE,
                state -> state.setDeadline(session, deadline, now, lifetimes), InMemoryAreaStore::notJoined));
    }

    @Override
    public CompletionStage<Decision> breakTie(AreaName area, SessionId session, long pick, Instant now, Lifetimes lifetimes) {
        return faults.run("area store", () -> inArea(area, now, Access.USE,
                state -> state.breakTie(session, pick, now, lifetimes), InMemoryAreaStore::notJoined));
    }

    @Override
    public CompletionStage<List<Decision>> history(AreaName area, Instant now) {
        return faults.run("area store", () -> inArea(area, now, Access.USE, AreaState::history, List::of));
    }

    @Override
    public CompletionStage<MemberPage> members(AreaName area, long afterSeq, Instant now) {
        return faults.run("area store", () -> inArea(area, now, Access.USE,
                state -> state.members(afterSeq, now), () -> new MemberPage(List.of(), 0, false)));
    }

    @Override
    public CompletionStage<Optional<Instant>> expire(AreaName area, Instant now) {
        return faults.run("area store", () -> inArea(area, now, Access.EXPIRE,
                state -> state.expire(now), Optional::empty));
    }

    /** How an operation meets its area. */
    private enum Access {
        /** Makes the area when there is none (join). */
        CREATE,
        /** Uses the area if there is one, and leaves it as it is when everything in it expired. */
        USE,
        /** Forgets the area, announcing its expiries, when everything in it expired. */
        EXPIRE
    }

    /**
     * Runs {@code work} on the area's state while holding it. An area that does not exist is
     * created only for a join, so reads of unknown areas cost nothing. An area whose everything
     * expired stays (its numbering goes on) until {@code expire} or the sweep forgets it.
     */
    private <T> T inArea(AreaName area, Instant now, Access access, Function<AreaState, T> work, Supplier<T> absent) {
        sweepNowAndThen(now);
        try {
            return inAreaHeld(area, now, access, work, absent);
        } finally {
            // Outside the area's lock: a listener may read the area, and sees the change done.
            events.deliver(area);
        }
    }

    private <T> T inAreaHeld(AreaName area, Instant now, Access access, Function<AreaState, T> work, Supplier<T> absent) {
        while (true) {
            AreaState state = access == Access.CREATE
                    ? areas.computeIfAbsent(area, a -> new AreaState(a, keys, events::enqueue))
                    : areas.get(area);
            if (state == null) {
                return absent.get();
            }
            synchronized (state) {
                if (areas.get(area) != state) {
                    continue; // forgotten by another thread meanwhile
                }
                if (access == Access.EXPIRE && state.isExpiredAt(now)) {
                    forget(area, state, now);
                    return absent.get();
                }
                return work.apply(state);
            }
        }
    }

    private void sweepNowAndThen(Instant now) {
        if (calls.incrementAndGet() % SWEEP_EVERY != 0) {
            return;
        }
        areas.forEach((area, state) -> {
            synchronized (state) {
                if (state.isExpiredAt(now) && areas.get(area) == state) {
                    forget(area, state, now);
                }
            }
            events.deliver(area);
        });
    }

    /** Announces what is left to expire, then drops the area: its numbering starts again. */
    private void forget(AreaName area, AreaState state, Instant now) {
        state.expire(now);
        areas.remove(area, state);
        events.forget(area);
    }

    /** The answer for acting in an area that holds nobody. */
    private static <T> T notJoined() {
        throw new NotJoinedException();
    }
}
