package com.wheretoeat.websocket;

import com.wheretoeat.core.memory.InMemoryAreaEvents;
import com.wheretoeat.core.memory.InMemoryAreaStore;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.core.port.AreaEvents;
import com.wheretoeat.core.port.AreaListener;
import com.wheretoeat.core.port.AreaStore;
import com.wheretoeat.core.port.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The in-memory area store and events with Redis's timing: a change's stage completes on a
 * store thread, and its events reach listeners on a separate delivery thread only after that
 * completion (and whatever ran in it) is done, as Pub/Sub messages arrive after the command's
 * reply. Same rules, same sequence order; only the moment of delivery differs from the in-memory
 * pair, which delivers on the changing thread before the stage completes.
 */
final class LateDelivery implements AutoCloseable {
    private final InMemoryAreaStore store;
    private final InMemoryAreaEvents events;
    private final ExecutorService completions = Executors.newSingleThreadExecutor(daemon("late-store"));
    private final ExecutorService deliveries = Executors.newSingleThreadExecutor(daemon("late-delivery"));
    /** The change the current thread is making, so that its events wait for its completion. */
    private final ThreadLocal<CompletableFuture<Void>> changing = new ThreadLocal<>();
    private volatile Pause pause;

    LateDelivery(InMemoryAreaStore store, InMemoryAreaEvents events) {
        this.store = store;
        this.events = events;
    }

    AreaStore store() {
        return new Store();
    }

    AreaEvents events() {
        return new Events();
    }

    /**
     * Holds back every change's completion until the pause is closed; the changes themselves are
     * made. For specs of what happens while a request waits on storage.
     */
    Pause pause() {
        Pause started = new Pause();
        pause = started;
        return started;
    }

    /** Completions held back; {@link #held()} completes once the first change waits. */
    final class Pause implements AutoCloseable {
        private final CompletableFuture<Void> held = new CompletableFuture<>();
        private final CompletableFuture<Void> released = new CompletableFuture<>();

        CompletableFuture<Void> held() {
            return held;
        }

        @Override
        public void close() {
            pause = null;
            released.complete(null);
        }
    }

    @Override
    public void close() {
        completions.shutdownNow();
        deliveries.shutdownNow();
    }

    private <T> CompletionStage<T> change(Supplier<CompletionStage<T>> call) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<T> answer = new CompletableFuture<>();
        changing.set(done);
        CompletionStage<T> inner;
        try {
            inner = call.get();
        } finally {
            changing.remove();
        }
        inner.whenComplete((value, error) -> completions.execute(() -> {
            Pause paused = pause;
            if (paused != null) {
                paused.held.complete(null);
                paused.released.join();
            }
            try {
                if (error == null) {
                    answer.complete(value);
                } else {
                    answer.completeExceptionally(error);
                }
            } finally {
                done.complete(null);
            }
        }));
        return answer;
    }

    private final class Store implements AreaStore {
        @Override
        public CompletionStage<Joined> join(AreaName area, SessionId session, Username name, Instant now, Lifetimes lifetimes) {
            return change(() -> store.join(area, session, name, now, lifetimes));
        }

        @Override
        public CompletionStage<Vote> vote(AreaName area, SessionId session, Venue venue, Instant now, Lifetimes lifetimes) {
            return change(() -> store.vote(area, session, venue, now, lifetimes));
        }

        @Override
        public CompletionStage<Optional<Vote>> retract(AreaName area, SessionId session, Instant now, Lifetimes lifetimes) {
            return change(() -> store.retract(area, session, now, lifetimes));
        }

        @Override
        public CompletionStage<Optional<AreaEvent.MemberLeft>> leave(AreaName area, SessionId session, Instant now) {
            return change(() -> store.leave(area, session, now));
        }

        @Override
        public CompletionStage<Optional<AreaEvent.MemberLeft>> leaveIfIdle(AreaName area, SessionId session,
                Instant idleSince, Instant now) {
            return change(() -> store.leaveIfIdle(area, session, idleSince, now));
        }

        @Override
        public CompletionStage<Optional<Member>> member(AreaName area, SessionId session, Instant now) {
            return change(() -> store.member(area, session, now));
        }

        @Override
        public CompletionStage<AreaSnapshot> snapshot(AreaName area, Instant now) {
            return change(() -> store.snapshot(area, now));
        }

        @Override
        public CompletionStage<Decision> decide(AreaName area, SessionId session, Instant now, Lifetimes lifetimes) {
            return change(() -> store.decide(area, session, now, lifetimes));
        }

        @Override
        public CompletionStage<Round> setDeadline(AreaName area, SessionId session, Instant deadline, Instant now,
                Lifetimes lifetimes) {
            return change(() -> store.setDeadline(area, session, deadline, now, lifetimes));
        }

        @Override
        public CompletionStage<Decision> breakTie(AreaName area, SessionId session, long pick, Instant now,
                Lifetimes lifetimes) {
            return change(() -> store.breakTie(area, session, pick, now, lifetimes));
        }

        @Override
        public CompletionStage<List<Decision>> history(AreaName area, Instant now) {
            return change(() -> store.history(area, now));
        }

        @Override
        public CompletionStage<MemberPage> members(AreaName area, long afterSeq, Instant now) {
            return change(() -> store.members(area, afterSeq, now));
        }

        @Override
        public CompletionStage<Optional<Instant>> expire(AreaName area, Instant now) {
            return change(() -> store.expire(area, now));
        }
    }

    private final class Events implements AreaEvents {
        @Override
        public CompletionStage<Subscription> subscribe(AreaName area, AreaListener listener) {
            return events.subscribe(area, new AreaListener() {
                @Override
                public void onEvent(AreaEvent event) {
                    // Queued in publishing order (the store publishes under its lock), delivered once
                    // the change that made the event has completed.
                    CompletableFuture<Void> after = changing.get();
                    deliveries.execute(() -> {
                        if (after != null) {
                            after.join();
                        }
                        listener.onEvent(event);
                    });
                }

                @Override
                public void onResumed() {
                    deliveries.execute(listener::onResumed);
                }
            });
        }

        @Override
        public CompletionStage<Optional<List<AreaEvent>>> since(AreaName area, long afterSeq) {
            return events.since(area, afterSeq);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
