package com.wheretoeat.redis;

import com.wheretoeat.core.memory.FoldedNameKeys;
import com.wheretoeat.core.port.AreaEvents;
import com.wheretoeat.core.port.AreaPlaces;
import com.wheretoeat.core.port.AreaStore;
import com.wheretoeat.core.port.NameKeys;
import com.wheretoeat.core.port.Sessions;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Redis adapters of one app node: {@link #areaStore()}, {@link #areaEvents()},
 * {@link #areaPlaces()} and {@link #sessions()} over one command connection and one Pub/Sub
 * connection, to a single Redis or, when the settings name a cluster, through Lettuce's cluster
 * client (which keeps a connection per master and follows the slot map). Close it on shutdown.
 * Build it with {@link #connect(RedisSettings)}, or with {@link #builder(RedisSettings)} to choose
 * the {@link NameKeys} by which the area store tells names apart (every node sharing a Redis must
 * use the same).
 *
 * <p>Lettuce is set up so that an outage is short and loud: commands time out after the
 * configured timeout, commands issued while disconnected are rejected at once, and commands
 * that were in flight when the connection dropped are failed instead of replayed after the
 * reconnect (a replayed vote or leave could apply twice or out of order). Reconnecting is
 * automatic, with a delay that grows to at most one second.
 */
public final class RedisAdapters implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisAdapters.class.getName());
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);
    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(30);
    private static final Duration ADAPTIVE_REFRESH_PAUSE = Duration.ofSeconds(5);

    private final RedisSettings settings;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final ExecutorService executor;
    private final StatefulConnection<String, String> commands;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final RedisAreaStore areaStore;
    private final RedisAreaEvents areaEvents;
    private final RedisAreaPlaces areaPlaces;
    private final RedisSessions sessions;

    private RedisAdapters(RedisSettings settings, NameKeys nameKeys, List<CommandListener> watchers) {
        this.settings = settings;
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = settings.cluster() ? clusterClient(resources, settings) : singleClient(resources, settings);
        watchers.forEach(client::addListener);
        this.executor = deliveryPool();
        try {
            if (client instanceof RedisClusterClient cluster) {
                StatefulRedisClusterConnection<String, String> connection = cluster.connect(StringCodec.UTF8);
                openEveryMaster(connection);
                this.commands = connection;
                this.redis = connection.async();
                this.pubsub = cluster.connectPubSub(StringCodec.UTF8);
            } else {
                StatefulRedisConnection<String, String> connection = ((RedisClient) client).connect(StringCodec.UTF8);
                this.commands = connection;
                this.redis = connection.async();
                this.pubsub = ((RedisClient) client).connectPubSub(StringCodec.UTF8);
            }
            loadScripts(settings.cluster());
        } catch (RuntimeException e) {
            shutdown();
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new RedisConnectionException("Could not connect to Redis at " + settings + ": " + cause.getMessage(), cause);
        }
        this.areaStore = new RedisAreaStore(redis, settings, executor, nameKeys);
        this.areaEvents = new RedisAreaEvents(redis, pubsub, settings, executor);
        if (client instanceof RedisClusterClient cluster) {
            areaEvents.onSlotMoved(cluster::refreshPartitions);
        }
        this.areaPlaces = new RedisAreaPlaces(redis, settings, executor);
        this.sessions = new RedisSessions(redis, settings, executor);
        client.addListener(new ResumeOnReconnect());
    }

    /**
     * Loads every script, on a cluster through Lettuce on every node. A node that is down now, or
     * restarted later, answers NOSCRIPT and {@link LuaScript} then runs the script with EVAL, which
     * caches it there; so on a cluster a node that cannot load them does not stop the start, while
     * a single Redis that cannot is not there at all.
     */
    private void loadScripts(boolean cluster) {
        for (LuaScript script : List.of(RedisAreaStore.JOIN, RedisAreaStore.VOTE, RedisAreaStore.RETRACT,
                RedisAreaStore.LEAVE, RedisAreaStore.SNAPSHOT, RedisAreaStore.MEMBERS, RedisAreaStore.MEMBER,
                RedisAreaStore.EXPIRE, RedisAreaStore.DECIDE, RedisAreaStore.DEADLINE, RedisAreaStore.BREAK_TIE,
                RedisAreaStore.HISTORY, RedisAreaEvents.SINCE, RedisAreaPlaces.KEEP, RedisAreaPlaces.FIND,
                RedisAreaPlaces.ALL, RedisAreaPlaces.CENTRE, RedisSessions.TOUCH)) {
            try {
                redis.scriptLoad(script.source(cluster)).toCompletableFuture().join();
            } catch (RuntimeException e) {
                if (!cluster) {
                    throw e;
                }
                LOG.log(Level.WARNING, "Could not load " + script + " on every node of the Redis Cluster; a node"
                        + " without it is given the script on first use: " + e.getMessage());
            }
        }
    }

    /**
     * Connects to Redis and loads the scripts; names are told apart by {@link FoldedNameKeys}.
     *
     * @throws RedisConnectionException when Redis cannot be reached at start
     */
    public static RedisAdapters connect(RedisSettings settings) {
        return builder(settings).connect();
    }

    /** Connects with {@code watchers} seeing every command sent, for tests that count round trips. */
    static RedisAdapters connect(RedisSettings settings, CommandListener... watchers) {
        Builder builder = builder(settings);
        for (CommandListener watcher : watchers) {
            builder.watch(watcher);
        }
        return builder.connect();
    }

    /** A builder of the adapters for {@code settings}, with {@link FoldedNameKeys} until told otherwise. */
    public static Builder builder(RedisSettings settings) {
        return new Builder(settings);
    }

    /** Chooses what the adapters are built with; {@link #connect()} builds them. */
    public static final class Builder {
        private final RedisSettings settings;
        private NameKeys nameKeys;
        private final List<CommandListener> watchers = new ArrayList<>();

        private Builder(RedisSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /**
         * How the area store tells names apart: two members may not hold names of equal keys. Every node
         * sharing the Redis must use the same; an area's names index built with other keys is built
         * again by its next join. Default: {@link FoldedNameKeys}.
         */
        public Builder nameKeys(NameKeys keys) {
            this.nameKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Lets {@code watcher} see every command sent, for tests that count round trips. */
        Builder watch(CommandListener watcher) {
            watchers.add(Objects.requireNonNull(watcher, "watcher"));
            return this;
        }

        /**
         * Connects to Redis and loads the scripts.
         *
         * @throws RedisConnectionException when Redis cannot be reached at start
         */
        public RedisAdapters connect() {
            return new RedisAdapters(settings, nameKeys == null ? new FoldedNameKeys() : nameKeys, List.copyOf(watchers));
        }
    }

    /** Shorthand for {@code connect(RedisSettings.fromUrl(url))}. */
    public static RedisAdapters connect(String url) {
        return connect(RedisSettings.fromUrl(url));
    }

    public AreaStore areaStore() {
        return areaStore;
    }

    public AreaEvents areaEvents() {
        return areaEvents;
    }

    public AreaPlaces areaPlaces() {
        return areaPlaces;
    }

    public Sessions sessions() {
        return sessions;
    }

    public RedisSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        areaEvents.close();
        // Each connection first, then the client: a cluster connection closes its connections to
        // the masters itself, and a client shutdown racing it warns about each of them.
        pubsub.close();
        commands.close();
        shutdown();
    }

    private void shutdown() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
        executor.shutdown();
    }

    private static RedisClient singleClient(ClientResources resources, RedisSettings settings) {
        RedisClient client = RedisClient.create(resources, settings.uri());
        client.setOptions(options(ClientOptions.builder(), settings).build());
        return client;
    }

    /**
     * Opens the connection to every master now: Lettuce opens them on first use, and with commands
     * rejected while disconnected the first command to each master would fail as unavailable.
     */
    private static void openEveryMaster(StatefulRedisClusterConnection<String, String> connection) {
        for (RedisClusterNode node : connection.getPartitions()) {
            if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                try {
                    connection.getConnection(node.getNodeId());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not open a connection to the Redis Cluster master " + node.getUri()
                            + " yet: " + e.getMessage());
                }
            }
        }
    }

    /**
     * The cluster client follows the slot map: it refreshes it when Redis redirects a command
     * (MOVED, ASK), when a node keeps failing to reconnect or a slot has no node, and every
     * {@link #TOPOLOGY_REFRESH} anyway, so after a failover commands reach the new master.
     */
    private static RedisClusterClient clusterClient(ClientResources resources, RedisSettings settings) {
        RedisClusterClient client = RedisClusterClient.create(resources, settings.nodes());
        ClusterClientOptions.Builder builder = ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_PAUSE)
                        .refreshTriggersReconnectAttempts(3)
                        .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                        .build());
        options(builder, settings);
        client.setOptions(builder.build());
        return client;
    }

    /** What a single Redis and a cluster share; see the class comment. */
    private static ClientOptions.Builder options(ClientOptions.Builder builder, RedisSettings settings) {
        return builder
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .replayFilter(command -> {
                    // Lettuce would resend this after the reconnect; fail it now so the caller
                    // sees 'unavailable' and nothing is applied behind its back.
                    command.completeExceptionally(
                            new RedisConnectionException("The connection to Redis was lost; the command is not replayed"));
                    return true;
                })
                .socketOptions(SocketOptions.builder().connectTimeout(settings.commandTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()));
    }

    private static ExecutorService deliveryPool() {
        AtomicInteger count = new AtomicInteger();
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "wte-redis-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Tells the area events when the Pub/Sub connection is back after a drop. On a cluster the
     * messages come over one connection per master, and a failed master never comes back as the
     * same node, so the area events start subscribing again as soon as any of them drops.
     */
    private final class ResumeOnReconnect implements RedisConnectionStateListener {
        private volatile boolean dropped;

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (settings.cluster() && connection instanceof StatefulRedisPubSubConnection) {
                areaEvents.interrupted();
                try {
                    executor.execute(areaEvents::resume);
                } catch (RejectedExecutionException closing) {
                    // The adapters are closing: nothing to subscribe again.
                }
            } else if (connection == pubsub) {
                dropped = true;
                areaEvents.interrupted();
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (connection == pubsub && dropped) {
                dropped = false;
                executor.execute(areaEvents::resume);
            }
        }
    }
}
