package com.wheretoeat.core.memory;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.port.AreaEvents;
import com.wheretoeat.core.port.AreaListener;
import com.wheretoeat.core.port.Subscription;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Area events within one JVM: {@link InMemoryAreaStore} queues each change's events here and
 * delivers them once the change is applied, in sequence order, before the change's call returns:
 * on the thread that made the change, unless another thread is delivering the area's events
 * already (that one delivers these too). The latest events of each area are kept for catching up. A listener that throws is logged and does not disturb the others.
 */
public final class InMemoryAreaEvents implements AreaEvents {
    /** How many recent events of one area are kept for catching up. */
    public static final int DEFAULT_LOG_SIZE = 256;
    private static final System.Logger LOG = System.getLogger(InMemoryAreaEvents.class.getName());

    private final int logSize;
    private final ConcurrentHashMap<AreaName, Channel> channels = new ConcurrentHashMap<>();
    private final FaultSwitch faults = new FaultSwitch();

    public InMemoryAreaEvents() {
        this(DEFAULT_LOG_SIZE);
    }

    public InMemoryAreaEvents(int logSize) {
        if (logSize < 1) {
            throw new IllegalArgumentException("The log size must be at least 1, was " + logSize);
        }
        this.logSize = logSize;
    }

    /**
     * Acts out {@code fault}, as a broker connection that dropped: subscribing and catching up fail
     * or hang, and published events are recorded but reach no listener. Back to {@link Fault#NONE},
     * every listener hears {@link AreaListener#onResumed()}, as after a reconnect.
     */
    public void simulate(Fault fault) {
        Fault before = faults.get();
        faults.set(fault);
        if (before != Fault.NONE && fault == Fault.NONE) {
            channels.values().forEach(channel -> channel.listeners.forEach(InMemoryAreaEvents::resume));
        }
    }

    private static void resume(AreaListener listener) {
        try {
            listener.onResumed();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An area listener failed on resuming", e);
        }
    }

    @Override
    public CompletionStage<Subscription> subscribe(AreaName area, AreaListener listener) {
        return faults.run("area events", () -> {
            channels.compute(area, (a, channel) -> {
                Channel live = channel == null ? new Channel() : channel;
                live.listeners.add(listener);
                return live;
            });
            return () -> channels.computeIfPresent(area, (a, channel) -> {
                channel.listeners.remove(listener);
                return channel.isIdle() ? null : channel;
            });
        });
    }

    @Override
    public CompletionStage<Optional<List<AreaEvent>>> since(AreaName area, long afterSeq) {
        return faults.run("area events", () -> {
            Channel channel = channels.get(area);
            return channel == null ? (afterSeq == 0 ? Optional.of(List.of()) : Optional.empty()) : channel.since(afterSeq);
        });
    }

    /** Records {@code event} and delivers it, with any queued before it, to the area's listeners. */
    public void publish(AreaEvent event) {
        enqueue(event);
        deliver(event.area());
    }

    /**
     * Records {@code event} for catching up and queues it for delivery, in the order of the calls.
     * A store calls it while its change is being made, then {@link #deliver} once the change is
     * applied, so that a listener reading the area on hearing of an event sees what it announces.
     */
    public void enqueue(AreaEvent event) {
        // Recorded inside the map's step for the area, so a delivery that drops an idle channel
        // cannot drop it between finding it and recording into it.
        channels.compute(event.area(), (a, channel) -> {
            Channel live = channel == null ? new Channel() : channel;
            live.record(event, logSize);
            return live;
        });
    }

    /**
     * Hands the area's queued events to its listeners in order, and returns once those queued
     * before the call have been heard: on this thread, or, while another thread is delivering, by
     * that one (this one waits for it). A listener that acts on the store from within delivery does
     * not wait for itself: its events follow once it returns. No lock is held while a listener runs.
     */
    public void deliver(AreaName area) {
        Channel channel = channels.get(area);
        if (channel == null || !channel.takeTurn()) {
            return;
        }
        boolean done = false;
        try {
            for (AreaEvent event = channel.nextOrStop(); event != null; event = channel.nextOrStop()) {
                if (faults.get() == Fault.NONE) { // otherwise as a dropped broker connection: nobody hears it
                    for (AreaListener listener : channel.listeners) {
                        try {
                            listener.onEvent(event);
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "An area listener failed on event " + event.seq() + " of " + event.area(), e);
                        }
                    }
                }
                channel.heard();
            }
            done = true;
            channels.computeIfPresent(area, (a, idle) -> idle.isIdle() ? null : idle);
        } finally {
            if (!done) {
                channel.stopDelivering(); // an Error from a listener must not wedge the area's delivery
            }
        }
    }

    /** Drops the recent events of an area that was forgotten; its numbering starts again. */
    public void forget(AreaName area) {
        channels.computeIfPresent(area, (a, channel) -> channel.clear() ? null : channel);
    }

    private static final class Channel {
        final CopyOnWriteArrayList<AreaListener> listeners = new CopyOnWriteArrayList<>();
        private final ArrayDeque<AreaEvent> log = new ArrayDeque<>();
        private final ArrayDeque<AreaEvent> outbox = new ArrayDeque<>();
        /** The thread delivering the outbox, or null. */
        private Thread deliverer;
        /** How many events were ever queued, and how many of them all listeners have heard. */
        private long queued;
        private long heard;
        private long latestSeq;

        synchronized void record(AreaEvent event, int logSize) {
            outbox.addLast(event);
            queued++;
            log.addLast(event);
            latestSeq = event.seq();
            while (log.size() > logSize) {
                log.removeFirst();
            }
        }

        synchronized Optional<List<AreaEvent>> since(long afterSeq) {
            if (afterSeq > latestSeq) {
                return Optional.empty();
            }
            if (afterSeq == latestSeq) {
                return Optional.of(List.of());
            }
            if (log.isEmpty() || log.peekFirst().seq() > afterSeq + 1) {
                return Optional.empty();
            }
            return Optional.of(log.stream().filter(e -> e.seq() > afterSeq).toList());
        }

        /**
         * Whether the calling thread is to deliver now. False when it is delivering already further
         * up its stack, or when another thread delivered everything queued before this call
         * while this one waited for it.
         */
        synchronized boolean takeTurn() {
            long wanted = queued;
            while (deliverer != null) {
                if (deliverer == Thread.currentThread()) {
                    return false;
                }
                if (heard >= wanted) {
                    return false;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (outbox.isEmpty()) {
                return false;
            }
            deliverer = Thread.currentThread();
            return true;
        }

        /** The next queued event, or null, and then the deliverer's turn is over (in the same step, so none is stranded). */
        synchronized AreaEvent nextOrStop() {
            AreaEvent next = outbox.pollFirst();
            if (next == null) {
                stopDelivering();
            }
            return next;
        }

        /** The event last taken has been heard by every listener. */
        synchronized void heard() {
            heard++;
            notifyAll();
        }

        synchronized void stopDelivering() {
            deliverer = null;
            notifyAll();
        }

        /** Empties the log; answers whether the channel can go, having no listeners either. */
        synchronized boolean clear() {
            log.clear();
            latestSeq = 0;
            return isIdle();
        }

        synchronized boolean isIdle() {
            return listeners.isEmpty() && latestSeq == 0 && outbox.isEmpty();
        }
    }
}
