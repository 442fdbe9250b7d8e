package com.wheretoeat.core.service;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaEvent.PresenceBatch;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.port.AreaEvents;
import com.wheretoeat.core.port.AreaListener;
import com.wheretoeat.core.port.Clock;
import com.wheretoeat.core.port.Scheduler;
import com.wheretoeat.core.port.Subscription;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * This node's one hold on each area's events, shared by all its listeners there, which tells the
 * presence of a big area in batches: an event after which the area has more than
 * {@link PresenceBatch#BATCHED_ABOVE} members waits (250 ms, longer in an area of thousands: see
 * {@link PresenceBatch#intervalMillis}) with the others of its kind, and they go out as one {@link PresenceBatch}. Any other event
 * sends what waits first, so listeners still get everything in sequence order. So a join costs one
 * delivery here, not one per listener, and N joins cost the listeners about N / batch messages each.
 * Catch-up ({@link #since}) is the inner port's, event by event.
 *
 * <p>Listeners are called with no lock held, one call at a time per area, in the order the calls
 * were queued (see {@code drain}).
 */
final class PresenceBatching implements AreaEvents {
    private static final System.Logger LOG = System.getLogger(PresenceBatching.class.getName());

    private final AreaEvents inner;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Duration openTimeout;
    /** Told of every event and resumption once per area on this node, before the listeners. */
    private final ExpiryWatch expiry;
    /** Where batches that fall due are handed to the listeners: off the scheduler's thread. */
    private final Executor delivery = ForkJoinPool.commonPool();
    /** Guarded by itself. */
    private final Map<AreaName, Hub> hubs = new HashMap<>();

    /**
     * Batches on {@code inner}; a node's hold on an area that is not in place within {@code openTimeout}
     * fails its subscribers and is dropped, so that the next subscriber tries again.
     */
    PresenceBatching(AreaEvents inner, Clock clock, Scheduler scheduler, Duration openTimeout, ExpiryWatch expiry) {
        this.expiry = expiry;
        this.openTimeout = openTimeout;
        this.inner = inner;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @Override
    public CompletionStage<Subscription> subscribe(AreaName area, AreaListener listener) {
        Held held = new Held(listener);
        Hub hub;
        boolean created = false;
        synchronized (hubs) {
            hub = hubs.get(area);
            if (hub == null) {
                hub = new Hub(area);
                hubs.put(area, hub);
                created = true;
            }
            hub.listeners.add(held);
        }
        if (created) {
            hub.open();
        }
        Hub in = hub;
        return hub.ready.thenApply(ignored -> () -> in.remove(held));
    }

    @Override
    public CompletionStage<Optional<List<AreaEvent>>> since(AreaName area, long afterSeq) {
        return inner.since(area, afterSeq);
    }

    /** The area's member count after a join, leave or expiry; -1 after any other event. */
    static int countAfter(AreaEvent event) {
        if (event instanceof AreaEvent.MemberJoined e) {
            return e.memberCount();
        } else if (event instanceof AreaEvent.MemberLeft e) {
            return e.memberCount();
        } else if (event instanceof AreaEvent.MemberExpired e) {
            return e.memberCount();
        }
        return -1;
    }

    /** One subscription's listener; equal only to itself, so one listener may hold two subscriptions. */
    private static final class Held {
        final AreaListener listener;

        Held(AreaListener listener) {
            this.listener = listener;
        }
    }

    /** One area's listeners on this node, and the presence that waits to be told to them. */
    private final class Hub implements AreaListener {
        private final AreaName area;
        /** A set by identity: a subscription comes and goes in constant time in an area of thousands. */
        private final Set<Held> listeners = ConcurrentHashMap.newKeySet();
        private final CompletableFuture<Subscription> ready = new CompletableFuture<>();

        // Guarded by this: the batch being gathered.
        private long from;
        private AreaEvent lastWaiting;
        /** Who joined (and is still there) and who left (and is still gone), by name: a name is in one at most. */
        private final Set<Username> joined = new LinkedHashSet<>();
        private final Set<Username> left = new LinkedHashSet<>();
        private Scheduler.Timer timer;
        /** The number of the latest batch a timer was set for. */
        private long batches;
        /** Calls to the listeners waiting their turn, and whether a thread is making them. */
        private final Deque<Consumer<AreaListener>> outbox = new ArrayDeque<>();
        private boolean draining;

        Hub(AreaName area) {
            this.area = area;
        }

        void open() {
            CompletionStage<Subscription> opening;
            try {
                opening = inner.subscribe(area, this);
            } catch (RuntimeException e) {
                opening = CompletableFuture.failedFuture(e);
            }
            CompletableFuture<Subscription> bounded = new CompletableFuture<>();
            opening.whenComplete((subscription, error) -> {
                if (error != null) {
                    bounded.completeExceptionally(error);
                } else if (!bounded.complete(subscription)) {
                    subscription.close(); // in place only after this hub gave up on it
                }
            });
            bounded.orTimeout(openTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((subscription, error) -> {
                if (error != null) {
                    synchronized (hubs) {
                        hubs.remove(area, this); // the next subscriber tries again
                    }
                    ready.completeExceptionally(error);
                } else {
                    ready.complete(subscription);
                }
            });
        }

        void remove(Held listener) {
            synchronized (hubs) {
                if (!listeners.remove(listener) || !listeners.isEmpty()) {
                    return;
                }
                hubs.remove(area, this);
            }
            synchronized (this) {
                if (timer != null) {
                    timer.cancel();
                    timer = null;
                }
            }
            ready.thenAccept(Subscription::close);
        }

        @Override
        public void onEvent(AreaEvent event) {
            synchronized (this) {
                if (batched(event)) {
                    gather(event);
                    if (timer == null) {
                        Instant due = clock.now().plusMillis(PresenceBatch.intervalMillis(countAfter(event)));
                        long batch = ++batches;
                        timer = scheduler.schedule(due, () -> flushNow(batch));
                    }
                    return;
                }
                flush();
                expiry.saw(event);
                post(listener -> listener.onEvent(event));
            }
            drain();
        }

        @Override
        public void onResumed() {
            synchronized (this) {
                flush();
                expiry.resumed(area);
                post(AreaListener::onResumed);
            }
            drain();
        }

        private boolean batched(AreaEvent event) {
            // Sequence numbers jump only when the area started again: what waits goes first.
            return countAfter(event) > PresenceBatch.BATCHED_ABOVE
                    && (lastWaiting == null || event.seq() == lastWaiting.seq() + 1);
        }

        private void gather(AreaEvent event) {
            if (lastWaiting == null) {
                from = event.seq();
            }
            lastWaiting = event;
            if (event instanceof AreaEvent.MemberJoined e) {
                left.remove(e.member().name());
                joined.add(e.member().name());
            } else {
                Username name = event instanceof AreaEvent.MemberLeft e ? e.name() : ((AreaEvent.MemberExpired) event).name();
                joined.remove(name);
                left.add(name);
            }
        }

        /**
         * The batch numbered {@code batch} is due. A timer that lost the race to a flush by another event
         * finds a later batch gathering, or none, and leaves it to its own timer. The listeners are called
         * on the delivery executor: this is the scheduler's one thread, which every area's timers share.
         */
        private void flushNow(long batch) {
            synchronized (this) {
                if (batch != batches || lastWaiting == null) {
                    return;
                }
                timer = null;
                flush();
            }
            delivery.execute(this::drain);
        }

        /** Under the lock: tells the listeners what waits, as one batch. */
        private void flush() {
            if (lastWaiting == null) {
                return;
            }
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            boolean complete = joined.size() <= PresenceBatch.BATCH_NAMES && left.size() <= PresenceBatch.BATCH_NAMES;
            PresenceBatch batch = new PresenceBatch(area, from, lastWaiting.seq(), lastWaiting.at(), countAfter(lastWaiting),
                    first(joined), first(left), complete);
            lastWaiting = null;
            joined.clear();
            left.clear();
            expiry.saw(batch);
            post(listener -> listener.onEvent(batch));
        }

        /** Under the lock: queues a call to every listener, behind those queued before. */
        private void post(Consumer<AreaListener> call) {
            outbox.add(call);
        }

        /**
         * Outside the lock: calls the listeners with what is queued, in order, unless another thread
         * is doing so already (it takes these too). No lock is held while a listener runs: a listener
         * may act on the store, and the store may wait for the thread that delivers to this hub.
         */
        private void drain() {
            synchronized (this) {
                if (draining) {
                    return;
                }
                draining = true;
            }
            boolean done = false;
            try {
                while (true) {
                    Consumer<AreaListener> call;
                    synchronized (this) {
                        call = outbox.poll();
                        if (call == null) {
                            draining = false;
                            done = true;
                            return;
                        }
                    }
                    for (Held held : listeners) {
                        deliver(() -> call.accept(held.listener));
                    }
                }
            } finally {
                if (!done) {
                    synchronized (this) {
                        draining = false;
                    }
                }
            }
        }

        private <T> List<T> first(Iterable<T> items) {
            List<T> list = new ArrayList<>(PresenceBatch.BATCH_NAMES);
            for (T item : items) {
                if (list.size() == PresenceBatch.BATCH_NAMES) {
                    break;
                }
                list.add(item);
            }
            return list;
        }

        private void deliver(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A listener of area " + area + " failed", e);
            }
        }
    }
}
