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
 * Area events within one JVM: {@link InMemoryAreaStore} publishes here, and listeners receive
 * each event on the publishing thread, in sequence order. The latest events of each area are kept
 * for catching up. A listener that throws is logged and does not disturb the others.
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

    /** Records {@code event} and delivers it to the area's listeners before returning. */
    public void publish(AreaEvent event) {
        Channel channel = channels.computeIfAbsent(event.area(), a -> new Channel());
        channel.record(event, logSize);
        if (faults.get() != Fault.NONE) {
            return;
        }
        for (AreaListener listener : channel.listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "An area listener failed on event " + event.seq() + " of " + event.area(), e);
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
        private long latestSeq;

        synchronized void record(AreaEvent event, int logSize) {
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

        /** Empties the log; answers whether the channel can go, having no listeners either. */
        synchronized boolean clear() {
            log.clear();
            latestSeq = 0;
            return isIdle();
        }

        synchronized boolean isIdle() {
            return listeners.isEmpty() && latestSeq == 0;
        }
    }
}
