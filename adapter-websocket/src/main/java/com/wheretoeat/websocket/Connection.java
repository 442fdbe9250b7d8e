package com.wheretoeat.websocket;

import com.wheretoeat.core.AreaFollower;
import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.CatchUp;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.port.Subscription;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: its session, where it is, its rate limits, its outbound backlog and the
 * order of what it is sent. Requests run one after another. An area's events come from the core's
 * {@link WhereToEat#follow}, which already makes them gap-free and in order; this class only makes
 * sure they go out after the reply they follow, and that a feed the connection moved away from
 * writes nothing more.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    /** Where a connection is: the area it follows, and as whom ({@code name} null: only watching). */
    record Place(AreaName area, Username name) {
        boolean member() {
            return name != null;
        }
    }

    /** What a reply to a join, resume or watch writes: its messages, and the sequence number they cover. */
    record Reply(List<ByteBuffer> messages, long covered) {}

    final Channel channel;
    final RateLimiter limiter;
    private final long maxBacklogBytes;
    private final Executor closer;
    private final Replies events;
    private final long requestTimeoutNanos;
    private final Object lock = new Object();
    private final Object chain = new Object();
    private final AtomicInteger queued = new AtomicInteger();
    /**
     * Pings have a budget of their own: a keep-alive ping must get its pong even while requests
     * use up the message rate, or the peer would take the connection for dead.
     */
    private final RateLimiter pings = new RateLimiter(2, 10);
    private final AtomicBoolean cutOff = new AtomicBoolean();

    /** The client's address, for the limit on new sessions. */
    final String client;
    private volatile SessionId session;
    /** A session issued on this connection whose token the client has not been told yet. */
    private volatile SessionId untold;
    private CompletionStage<Void> requests;

    // Guarded by lock.
    private Place place;
    /** The feed whose events this connection writes; any other one's are dropped. */
    private Outlet outlet;
    private boolean closed;

    /**
     * {@code channel}'s write buffer is to have {@code maxBacklogBytes} as its high water mark: a
     * channel that is not writable holds that much unsent data, and its client is cut off.
     */
    Connection(Channel channel, RateLimiter limiter, long maxBacklogBytes, Executor closer, Replies events,
            long requestTimeoutNanos, CompletionStage<Void> ready, String client) {
        this.channel = channel;
        this.limiter = limiter;
        this.maxBacklogBytes = maxBacklogBytes;
        this.closer = closer;
        this.events = events;
        this.requestTimeoutNanos = requestTimeoutNanos;
        this.requests = ready;
        this.client = client;
    }

    SessionId session() {
        return session;
    }

    void session(SessionId resolved) {
        session = resolved;
    }

    /** Takes on a session issued for this connection; its token goes out with the next join's ack. */
    void issued(SessionId fresh) {
        session = fresh;
        untold = fresh;
    }

    /** The issued session the client has not been told of, once: the caller tells it. */
    SessionId takeUntold() {
        SessionId fresh = untold;
        untold = null;
        return fresh;
    }

    /**
     * Runs {@code work} once every earlier request of this connection has been answered. A request
     * that waited longer than the request timeout gets {@code late} instead, without touching
     * storage: the answers a client within its rate can have pending stay bounded however slow
     * storage is. The work never runs under a lock of this connection.
     */
    void enqueue(Supplier<CompletionStage<Void>> work, Runnable late) {
        long arrived = System.nanoTime();
        queued.incrementAndGet();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletionStage<Void> previous;
        synchronized (chain) {
            previous = requests;
            requests = done;
        }
        previous.handle((ignored, error) -> null).thenCompose(ignored -> {
            if (isClosed()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            try {
                if (System.nanoTime() - arrived > requestTimeoutNanos) {
                    late.run();
                    return CompletableFuture.<Void>completedFuture(null);
                }
                return work.get();
            } catch (RuntimeException e) {
                LOG.warn("A request failed unexpectedly", e);
                return CompletableFuture.<Void>completedFuture(null);
            }
        }).whenComplete((ignored, error) -> {
            queued.decrementAndGet();
            done.complete(null);
        });
    }

    /** How many messages of this connection wait for an answer, the one being answered included. */
    int queued() {
        return queued.get();
    }

    Place place() {
        synchronized (lock) {
            return place;
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * Follows {@code next.area()} after {@code afterSeq} and makes it this connection's place, once
     * the catch-up is there: then {@code moved} hears where the connection was and where it is now,
     * and {@code reply} turns the catch-up into the reply to send, before any event of the area.
     * Until then the connection stays where it was (a failed follow leaves it there). Answers
     * whether the connection got there: false when it closed first (the caller undoes what it did).
     */
    CompletionStage<Boolean> follow(WhereToEat app, Place next, long afterSeq, Function<CatchUp, Reply> reply,
            BiConsumer<Place, Place> moved) {
        Outlet out = new Outlet(next, reply, moved);
        return app.follow(next.area(), afterSeq, out).thenApply(subscription -> {
            boolean there;
            boolean stopped;
            Outlet replaced;
            synchronized (lock) {
                there = out.arrived;
                replaced = out.replaced;
                stopped = out.stopped;
                out.subscription = subscription;
            }
            if (!there || stopped) {
                subscription.close();
            }
            if (replaced != null) {
                replaced.close();
            }
            return there;
        });
    }

    /**
     * Holds back the current feed's events while a join, resume or watch is on its way: if it
     * succeeds, its reply covers them (a new feed takes over); if it fails, {@link #release} sends
     * them after its error. So a client never hears of its own join before the reply to it.
     */
    void hold() {
        synchronized (lock) {
            if (outlet != null && outlet.held == null) {
                outlet.held = new ArrayList<>();
            }
        }
    }

    /** Sends what {@link #hold} held back, in order, and lets the current feed flow again. */
    void release() {
        synchronized (lock) {
            Outlet current = outlet;
            if (current == null || current.held == null) {
                return;
            }
            List<Runnable> held = current.held;
            current.held = null;
            held.forEach(Runnable::run);
        }
    }

    /**
     * Leaves the connection's area after its member left: the leaver hears its own {@code left}
     * first, unless its feed delivered it already, and nothing of the area after it. Answers the
     * place it had.
     */
    Place leave(AreaEvent.MemberLeft left, Supplier<ByteBuffer> bytes) {
        Place had;
        Outlet gone;
        synchronized (lock) {
            had = place;
            gone = outlet;
            // Only right after what it was sent: with events still on their way (Pub/Sub can be
            // slower than the store's answer) it would skip them, and the ack says enough.
            if (!closed && gone != null && left != null && gone.lastSent == left.seq() - 1) {
                sendShared(bytes.get());
            }
            place = null;
            outlet = null;
        }
        if (gone != null) {
            gone.close();
        }
        return had;
    }

    /** Marks the connection closed and stops its feed; answers the place it had. */
    Place close() {
        Place had;
        Outlet gone;
        synchronized (lock) {
            closed = true;
            had = place;
            gone = outlet;
            place = null;
            outlet = null;
        }
        if (gone != null) {
            gone.close();
        }
        return had;
    }

    /**
     * What one follow of this connection hands over, written only while it is the connection's
     * current feed: from its catch-up (when the reply is sent, and it replaces the feed before it)
     * until the connection moves on.
     */
    private final class Outlet implements AreaFollower {
        private final Place place;
        private final Function<CatchUp, Reply> reply;
        private final BiConsumer<Place, Place> moved;
        // Guarded by the connection's lock.
        long lastSent;
        /** What waits while a join is on its way (see {@link #hold}); null while events flow. */
        List<Runnable> held;
        Outlet replaced;
        boolean arrived;
        Subscription subscription;
        boolean stopped;

        Outlet(Place place, Function<CatchUp, Reply> reply, BiConsumer<Place, Place> moved) {
            this.place = place;
            this.reply = reply;
            this.moved = moved;
        }

        @Override
        public void onCaughtUp(CatchUp missed) {
            Reply answer = reply.apply(missed);
            synchronized (lock) {
                if (closed) {
                    return;
                }
                arrived = true;
                replaced = outlet;
                outlet = this;
                Place previous = Connection.this.place;
                Connection.this.place = place;
                moved.accept(previous, place);
                lastSent = answer.covered();
                answer.messages().forEach(Connection.this::sendShared);
            }
        }

        @Override
        public void onEvent(AreaEvent event) {
            synchronized (lock) {
                if (held != null) {
                    held.add(() -> onEvent(event));
                } else if (outlet == this && event.seq() > lastSent) {
                    lastSent = event.seq();
                    sendShared(events.event(event));
                }
            }
        }

        @Override
        public void onReset(AreaSnapshot snapshot) {
            synchronized (lock) {
                if (held != null) {
                    held.add(() -> onReset(snapshot));
                } else if (outlet == this) {
                    lastSent = snapshot.seq();
                    sendShared(ByteBuffer.wrap(events.reset(snapshot)));
                }
            }
        }

        /** Stops this feed; its subscription is closed here, or by {@link #follow} when it arrives later. */
        void close() {
            Subscription held;
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                stopped = true;
                held = subscription;
            }
            if (held != null) {
                held.close();
            }
        }
    }

    /** Sends one text message, unless the client's backlog is already too big. */
    void send(String text) {
        sendShared(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether the pong to a ping of {@code payloadBytes} may be sent: pings count against the rate
     * like messages, and their pongs against the backlog, or a client that pings and never reads
     * would have every pong queued for it.
     */
    boolean allowPong(int payloadBytes) {
        return pings.tryAcquire() && roomFor(payloadBytes);
    }

    private void sendShared(ByteBuffer payload) {
        if (!roomFor(payload.remaining())) {
            return;
        }
        // The same bytes for every connection of an area: wrapped, not copied.
        inTurn(() -> channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(payload.duplicate())),
                channel.voidPromise()));
    }

    /** Closes with a close frame carrying {@code code} and {@code reason}, after what was sent before. */
    void close(int code, String reason) {
        inTurn(() -> channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE));
    }

    /**
     * Runs a write as a task of the channel's event loop, always: Netty writes at once when called
     * on the event loop but queues a write from any other thread, so a reply written on the loop
     * could overtake an event queued before it by a core thread. As tasks, writes go out in the
     * order they were handed over (under this connection's lock, for events).
     */
    private void inTurn(Runnable write) {
        try {
            channel.eventLoop().execute(write);
        } catch (RejectedExecutionException stopped) {
            // The event loop is shutting down, and the connection with it.
        }
    }

    /**
     * Whether {@code bytes} more may be queued. A client that stopped reading would otherwise grow
     * the heap without bound: once the unsent data passes the write buffer's high water mark (the
     * backlog limit) the channel is no longer writable, and the client is cut off without a closing
     * handshake (it would not read that either; an abortive close also frees what the kernel holds).
     */
    private boolean roomFor(int bytes) {
        if (cutOff.get()) {
            return false;
        }
        if (channel.isWritable()) {
            return true;
        }
        if (cutOff.compareAndSet(false, true)) {
            LOG.info("Closing a connection whose client stopped reading (over {} bytes unsent)", maxBacklogBytes);
            // Not inline: this thread may be delivering an area's event, and closing leaves the area,
            // which publishes another event; that one must wait until this delivery is done.
            try {
                closer.execute(() -> {
                    channel.config().setOption(ChannelOption.SO_LINGER, 0);
                    channel.close();
                });
            } catch (RejectedExecutionException stopping) {
                // The endpoint is stopping and closes every connection itself.
            }
        }
        return false;
    }
}
