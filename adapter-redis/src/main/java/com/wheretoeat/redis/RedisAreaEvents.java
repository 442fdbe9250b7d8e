package com.wheretoeat.redis;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.port.AreaEvents;
import com.wheretoeat.core.port.AreaListener;
import com.wheretoeat.core.port.Subscription;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Area events across nodes over Redis Pub/Sub, one channel per area, on one Pub/Sub connection
 * per node. The node is SUBSCRIBEd to an area's channel exactly while it has local listeners
 * there; on a cluster it SSUBSCRIBEs (sharded Pub/Sub), so it hears the area's shard only. Messages leave Lettuce's event loop at once: each area has a serial executor that
 * decodes and delivers its events in order, and a throwing listener only loses its own event.
 * After the Pub/Sub connection comes back, channels are subscribed again and every listener is
 * told {@link AreaListener#onResumed()}, before any event that came after the drop, so it can
 * catch up through {@link #since}.
 */
public final class RedisAreaEvents implements AreaEvents {
    static final LuaScript SINCE = LuaScript.load("since.lua", "area-prelude.lua");
    private static final System.Logger LOG = System.getLogger(RedisAreaEvents.class.getName());
    private static final Duration RESUBSCRIBE_PAUSE = Duration.ofMillis(100);
    /** While a master is down its channels are tried again at this pace at most, not ten times a second. */
    private static final Duration MAX_RESUBSCRIBE_PAUSE = Duration.ofSeconds(2);

    private final RedisClusterAsyncCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final String prefix;
    private final boolean sharded;
    private final Executor executor;
    private final Object changes = new Object();
    private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** One area's channel on this node: its local listeners and the executor that delivers to them. */
    private static final class Channel {
        final AreaName area;
        final String name;
        final List<AreaListener> listeners = new CopyOnWriteArrayList<>();
        final SerialExecutor delivery;
        CompletableFuture<Void> subscribed;
        /**
         * The Pub/Sub connection dropped since the last event: the listeners must hear
         * {@code onResumed} before the next event. Cleared under the channel's lock, after the
         * call is queued, so whoever reads it false knows the call is already ahead in the queue.
         */
        volatile boolean interrupted;

        Channel(AreaName area, String name, Executor pool) {
            this.area = area;
            this.name = name;
            this.delivery = new SerialExecutor(pool);
        }
    }

    private volatile Runnable refreshSlots = () -> {};

    RedisAreaEvents(RedisClusterAsyncCommands<String, String> redis, StatefulRedisPubSubConnection<String, String> pubsub,
            RedisSettings settings, Executor executor) {
        this.redis = redis;
        this.pubsub = pubsub;
        this.prefix = settings.keyPrefix();
        this.sharded = settings.cluster();
        this.executor = executor;
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                route(channel, message);
            }

            @Override
            public void smessage(String channel, String message) {
                route(channel, message);
            }

            @Override
            public void sunsubscribed(String channel, long count) {
                moved(channel);
            }
        });
    }

    /** How to refresh the cluster's slot map, once Redis says a slot moved; nothing on a single Redis. */
    void onSlotMoved(Runnable refresh) {
        this.refreshSlots = refresh;
    }

    /**
     * Redis dropped this node's subscription to a channel it still serves: the channel's slot moved
     * to another master (resharding, a new master). Subscribe again where the slot lives now; its
     * listeners catch up, as after any interruption. Our own SUNSUBSCRIBE removes the channel first,
     * so it never comes here.
     */
    private void moved(String name) {
        Channel channel = channels.get(name);
        if (closed || channel == null) {
            return;
        }
        channel.interrupted = true;
        // Off Lettuce's event loop: refreshing the slot map waits for Redis.
        CompletableFuture.runAsync(() -> {
            try {
                refreshSlots.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not refresh the Redis Cluster's slot map: " + e);
            }
            resume(List.of(channel));
        }, CompletableFuture.delayedExecutor(RESUBSCRIBE_PAUSE.toMillis(), TimeUnit.MILLISECONDS, executor));
    }

    @Override
    public CompletionStage<Subscription> subscribe(AreaName area, AreaListener listener) {
        String name = AreaKeys.of(prefix, area).channel();
        Channel channel;
        CompletableFuture<Void> ready;
        synchronized (changes) {
            channel = channels.get(name);
            if (channel == null) {
                channel = new Channel(area, name, executor);
                channel.subscribed = send(() -> subscribeTo(name));
                channels.put(name, channel);
            }
            channel.listeners.add(listener);
            ready = channel.subscribed;
        }
        Channel joined = channel;
        return ready.handleAsync((ok, error) -> {
            if (error != null) {
                drop(joined, listener);
                throw new IllegalStateException("Could not subscribe to the events of area " + area, error);
            }
            AtomicBoolean open = new AtomicBoolean(true);
            return (Subscription) () -> {
                if (open.compareAndSet(true, false)) {
                    drop(joined, listener);
                }
            };
        }, executor);
    }

    @Override
    public CompletionStage<Optional<List<AreaEvent>>> since(AreaName area, long afterSeq) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return SINCE.run(redis, keys.asArray(), Long.toString(afterSeq)).thenApplyAsync(reply -> {
            if ("gone".equals(reply.get(0))) {
                Damage.skipped(reply.subList(1, reply.size()));
                return Optional.<List<AreaEvent>>empty();
            }
            List<AreaEvent> events = new ArrayList<>();
            for (Object json : reply.subList(1, reply.size())) {
                try {
                    events.add(Wire.event(area, (String) json));
                } catch (RuntimeException e) {
                    // A replay with a hole would be wrong: the caller starts over from a snapshot.
                    Damage.skipped(keys.log(), (afterSeq + events.size() + 1) + "-0", e.toString());
                    return Optional.<List<AreaEvent>>empty();
                }
            }
            return Optional.of(List.copyOf(events));
        }, executor);
    }

    /** SUBSCRIBE, or SSUBSCRIBE on a cluster, where Lettuce sends it to the master of the channel's slot. */
    private CompletionStage<Void> subscribeTo(String... names) {
        if (!sharded) {
            return pubsub.async().subscribe(names);
        }
        // Commands are rejected while disconnected, and Lettuce counts a master it has not
        // connected to yet as disconnected: open that connection first, then let Lettuce route.
        StatefulRedisClusterPubSubConnection<String, String> cluster = (StatefulRedisClusterPubSubConnection<String, String>) pubsub;
        RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(names[0]));
        CompletionStage<?> ready = master == null
                ? CompletableFuture.completedFuture(null)
                : cluster.getConnectionAsync(master.getUri().getHost(), master.getUri().getPort());
        return ready.thenCompose(connected -> pubsub.async().ssubscribe(names));
    }

    /** A command's future, failed rather than thrown when Lettuce refuses it on the spot. */
    private static CompletableFuture<Void> send(Supplier<? extends CompletionStage<Void>> command) {
        try {
            return command.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The areas this node is subscribed to now, for tests and monitoring. */
    public List<AreaName> servedAreas() {
        return channels.values().stream().map(c -> c.area).sorted((a, b) -> a.value().compareTo(b.value())).toList();
    }

    private void drop(Channel channel, AreaListener listener) {
        synchronized (changes) {
            channel.listeners.remove(listener);
            if (channel.listeners.isEmpty() && channels.remove(channel.name, channel) && !closed) {
                unsubscribe(channel.name);
            }
        }
    }

    private void unsubscribe(String name) {
        send(() -> sharded ? pubsub.async().sunsubscribe(name) : pubsub.async().unsubscribe(name)).whenComplete((ok, error) -> {
            if (error != null) {
                // A stray subscription is dropped when its next message arrives (see route).
                LOG.log(Level.DEBUG, "Could not unsubscribe from " + name + ": " + error);
            }
        });
    }

    /** Called on Lettuce's event loop: hands the message to the area's delivery and returns. */
    private void route(String name, String message) {
        Channel channel = channels.get(name);
        if (channel == null) {
            synchronized (changes) {
                if (!channels.containsKey(name) && !closed) {
                    unsubscribe(name);
                }
            }
            return;
        }
        if (channel.interrupted) {
            // Lettuce subscribes again by itself on reconnect, so events can arrive before our
            // own resubscribe confirms; the listeners must hear they may have missed some first.
            queueResumed(channel);
        }
        channel.delivery.execute(() -> deliver(channel, message));
    }

    /** Queues {@code onResumed} for the channel's listeners, once per interruption. */
    private static void queueResumed(Channel channel) {
        synchronized (channel) {
            if (!channel.interrupted) {
                return;
            }
            channel.delivery.execute(() -> {
                for (AreaListener listener : channel.listeners) {
                    try {
                        listener.onResumed();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "An area listener failed on resuming " + channel.area, e);
                    }
                }
            });
            channel.interrupted = false;
        }
    }

    private static void deliver(Channel channel, String message) {
        AreaEvent event;
        try {
            event = Wire.event(channel.area, message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Ignored a malformed event on " + channel.name, e);
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

    /** The Pub/Sub connection dropped: every served channel owes its listeners an {@code onResumed}. */
    void interrupted() {
        for (Channel channel : channels.values()) {
            channel.interrupted = true;
        }
    }

    /**
     * The Pub/Sub connection is back: subscribe to every served channel again (Lettuce does too;
     * doing it here tells us when it is done), then let the listeners of every channel that has
     * not had a message since catch up. On a cluster this is also called as soon as a connection
     * drops: each channel is subscribed again on its own (its slot decides the node), and the
     * channels that fail are retried until their slot's master answers, the same node after a
     * restart or the new one after a failover.
     */
    void resume() {
        resume(List.copyOf(channels.values()));
    }

    private void resume(List<Channel> served) {
        resume(served, 0);
    }

    /** One round of subscribing again; what failed is tried again later, each time waiting twice as long (up to 2 s). */
    private void resume(List<Channel> served, int attempt) {
        if (closed || served.isEmpty()) {
            return;
        }
        List<List<Channel>> batches = sharded ? served.stream().map(List::of).toList() : List.of(served);
        List<Channel> failed = new CopyOnWriteArrayList<>();
        CompletableFuture<?>[] sent = batches.stream().map(batch -> send(() -> subscribeTo(
                batch.stream().map(c -> c.name).toArray(String[]::new))).handle((ok, error) -> {
                    if (error != null) {
                        failed.addAll(batch);
                    } else {
                        batch.forEach(RedisAreaEvents::queueResumed);
                    }
                    return null;
                })).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sent).thenRun(() -> {
            List<Channel> still = failed.stream().filter(c -> channels.get(c.name) == c).toList();
            if (!still.isEmpty() && !closed) {
                long pause = Math.min(MAX_RESUBSCRIBE_PAUSE.toMillis(), RESUBSCRIBE_PAUSE.toMillis() << Math.min(attempt, 5));
                CompletableFuture.runAsync(() -> resume(still, attempt + 1),
                        CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS, executor));
            }
        });
    }

    void close() {
        closed = true;
    }
}
