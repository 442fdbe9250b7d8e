package com.wheretoeat.redis;

import com.wheretoeat.core.port.AreaEvents;
import com.wheretoeat.core.port.AreaPlaces;
import com.wheretoeat.core.port.AreaStore;
import com.wheretoeat.core.port.Sessions;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Redis adapters of one app node: {@link #areaStore()}, {@link #areaEvents()},
 * {@link #areaPlaces()} and {@link #sessions()} over one command connection and one Pub/Sub
 * connection. Close it on shutdown.
 *
 * <p>Lettuce is set up so that an outage is short and loud: commands time out after the
 * configured timeout, commands issued while disconnected are rejected at once, and commands
 * that were in flight when the connection dropped are failed instead of replayed after the
 * reconnect (a replayed vote or leave could apply twice or out of order). Reconnecting is
 * automatic, with a delay that grows to at most one second.
 */
public final class RedisAdapters implements AutoCloseable {
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    private final RedisSettings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private final ExecutorService executor;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final RedisAreaStore areaStore;
    private final RedisAreaEvents areaEvents;
    private final RedisAreaPlaces areaPlaces;
    private final RedisSessions sessions;

    private RedisAdapters(RedisSettings settings, List<CommandListener> watchers) {
        this.settings = settings;
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, settings.uri());
        client.setOptions(options(settings));
        watchers.forEach(client::addListener);
        this.executor = deliveryPool();
        try {
            this.commands = client.connect(StringCodec.UTF8);
            this.pubsub = client.connectPubSub(StringCodec.UTF8);
            for (LuaScript script : List.of(RedisAreaStore.JOIN, RedisAreaStore.VOTE, RedisAreaStore.RETRACT,
                    RedisAreaStore.LEAVE, RedisAreaStore.SNAPSHOT, RedisAreaStore.MEMBER, RedisAreaStore.EXPIRE,
                    RedisAreaEvents.SINCE, RedisAreaPlaces.KEEP, RedisAreaPlaces.FIND, RedisAreaPlaces.ALL,
                    RedisAreaPlaces.CENTRE, RedisSessions.TOUCH)) {
                commands.sync().scriptLoad(script.source());
            }
        } catch (RuntimeException e) {
            shutdown();
            throw new RedisConnectionException("Could not connect to Redis at " + settings + ": " + e.getMessage(), e);
        }
        this.areaStore = new RedisAreaStore(commands.async(), settings, executor);
        this.areaEvents = new RedisAreaEvents(commands.async(), pubsub, settings, executor);
        this.areaPlaces = new RedisAreaPlaces(commands.async(), settings, executor);
        this.sessions = new RedisSessions(commands.async(), settings, executor);
        client.addListener(new ResumeOnReconnect());
    }

    /**
     * Connects to Redis and loads the scripts.
     *
     * @throws RedisConnectionException when Redis cannot be reached at start
     */
    public static RedisAdapters connect(RedisSettings settings) {
        return new RedisAdapters(settings, List.of());
    }

    /** Connects with {@code watchers} seeing every command sent, for tests that count round trips. */
    static RedisAdapters connect(RedisSettings settings, CommandListener... watchers) {
        return new RedisAdapters(settings, List.of(watchers));
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
        shutdown();
    }

    private void shutdown() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
        executor.shutdown();
    }

    private static ClientOptions options(RedisSettings settings) {
        return ClientOptions.builder()
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
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build();
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

    /** Tells the area events when the Pub/Sub connection is back after a drop. */
    private final class ResumeOnReconnect implements RedisConnectionStateListener {
        private volatile boolean dropped;

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (connection == pubsub) {
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
