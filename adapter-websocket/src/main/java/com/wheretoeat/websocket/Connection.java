package com.wheretoeat.websocket;

import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: its session, the area it is in, its rate limit, its outbound backlog and
 * the order of what it is sent. Requests run one after another; area events reach it in
 * sequence order, and never before the snapshot they follow.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    /** An area's place in the connection's life: where it is, and what it receives. */
    record Membership(AreaName area, Username name) {}

    private record Held(AreaName area, long seq, ByteBuffer payload) {}

    final Channel channel;
    final RateLimiter limiter;
    private final long maxBacklogBytes;
    private final Executor closer;
    private final Object lock = new Object();
    private final Object chain = new Object();
    private final AtomicInteger queued = new AtomicInteger();
    /**
     * Pings have a budget of their own: a keep-alive ping must get its pong even while requests
     * use up the message rate, or the peer would take the connection for dead.
     */
    private final RateLimiter pings = new RateLimiter(2, 10);
    private final AtomicBoolean cutOff = new AtomicBoolean();

    private volatile SessionId session;
    private CompletionStage<Void> requests;

    // Guarded by lock.
    private Membership membership;
    private AreaName attaching;
    private List<Held> held;
    private boolean closed;
    /** The last sequence number of the membership's area this connection was sent or given (a snapshot, a replay). */
    private long lastSent = -1;
    /**
     * Whether pushes up to {@link #lastSent} are still to be dropped: the events a join's reply
     * covered can arrive after it (late delivery), and must not be sent twice. Only until the first
     * later event, as an area's numbering starts again after it expired.
     */
    private boolean skippingCovered;
    /** A closing connection of the same session left its member to this attaching one; see {@link #owe}. */
    private boolean leaveOwed;

    /**
     * {@code channel}'s write buffer is to have {@code maxBacklogBytes} as its high water mark: a
     * channel that is not writable holds that much unsent data, and its client is cut off.
     */
    Connection(Channel channel, RateLimiter limiter, long maxBacklogBytes, Executor closer, CompletionStage<Void> ready) {
        this.channel = channel;
        this.limiter = limiter;
        this.maxBacklogBytes = maxBacklogBytes;
        this.closer = closer;
        this.requests = ready;
    }

    SessionId session() {
        return session;
    }

    void session(SessionId resolved) {
        session = resolved;
    }

    /**
     * Runs {@code work} once every earlier request of this connection has been answered. The work
     * never runs under a lock of this connection: it calls the store, and a store may deliver an
     * event to this very connection from another thread while holding its own lock.
     */
    void enqueue(Supplier<CompletionStage<Void>> work) {
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

    Membership membership() {
        synchronized (lock) {
            return membership;
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * Whether this connection is in {@code area} or on its way there, so that a closing connection
     * of the same session must not leave their member. On its way (a join or resume in flight), it
     * also takes over that leave, should its join fail.
     */
    boolean owe(AreaName area) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            if (area.equals(attaching)) {
                leaveOwed = true;
                return true;
            }
            return membership != null && membership.area().equals(area);
        }
    }

    /** Marks the connection closed; answers the membership it had, so the caller can end it. */
    Membership close() {
        synchronized (lock) {
            closed = true;
            held = null;
            attaching = null;
            // leaveOwed stays: a join still in flight settles or abandons it, and must see it.
            Membership had = membership;
            membership = null;
            return had;
        }
    }

    /** From now on, events of {@code area} are held back until {@link #settle} sends them after the reply. */
    void holdEventsOf(AreaName area) {
        synchronized (lock) {
            attaching = area;
            held = new ArrayList<>();
        }
    }

    /** What a failed join leaves behind: whether the connection still lives in the area, and a leave it owes. */
    record Abandoned(boolean stays, boolean leaveOwed) {}

    /** Stops holding events after a failed join of {@code area}. */
    Abandoned abandon(AreaName area) {
        synchronized (lock) {
            List<Held> pending = held;
            boolean owed = leaveOwed;
            attaching = null;
            held = null;
            leaveOwed = false;
            boolean stays = !closed && membership != null && membership.area().equals(area);
            if (stays && pending != null) {
                // Still the connection's area (a failed rename): what was held back is owed to it.
                pending.forEach(event -> pushToMember(event.seq(), event.payload()));
            }
            return new Abandoned(stays, owed && !stays);
        }
    }

    /**
     * Makes {@code area} the connection's area. Under the connection's lock, so nothing overtakes it:
     * {@code reply} sends the answer (and any replayed events, answering the last sequence number it
     * covered), then the held events after that number follow. Answers the previous membership, or
     * null when the connection closed meanwhile (the caller then undoes the join).
     */
    Membership settle(AreaName area, Username name, LongSupplier reply) {
        synchronized (lock) {
            Membership previous = membership;
            List<Held> pending = held;
            held = null;
            attaching = null;
            // Joined: the member a closing connection left to this one is this one's now.
            leaveOwed = false;
            Membership now = new Membership(area, name);
            if (closed) {
                return null;
            }
            membership = now;
            long covered = reply.getAsLong();
            lastSent = covered;
            skippingCovered = true;
            if (pending != null) {
                for (Held event : pending) {
                    if (event.area().equals(area)) {
                        pushToMember(event.seq(), event.payload());
                    }
                }
            }
            return previous == null ? new Membership(null, null) : previous;
        }
    }

    /**
     * Forgets the membership after leaving; answers the area that was left. The leaver hears its own
     * {@code left} first, unless it was already sent (delivered before the leave completed, as the
     * in-memory adapters do): when it is delivered later (as through Redis), the membership is gone
     * by then and the push is dropped, so it is sent here, and only here.
     */
    AreaName leave(long leftSeq, Supplier<ByteBuffer> left) {
        synchronized (lock) {
            AreaName area = membership == null ? null : membership.area();
            if (area != null && !closed && lastSent < leftSeq) {
                sendEvent(leftSeq, left.get());
            }
            membership = null;
            return area;
        }
    }

    /** An event of {@code area}, serialized once for every connection of the area. */
    void push(AreaName area, long seq, ByteBuffer payload) {
        deliver(area, seq, payload, false);
    }

    /**
     * A fresh snapshot of {@code area} pushed after delivery was interrupted: always sent to a member
     * of the area (its numbering may have started again), and the start of what follows.
     */
    void pushReset(AreaName area, long seq, ByteBuffer payload) {
        deliver(area, seq, payload, true);
    }

    private void deliver(AreaName area, long seq, ByteBuffer payload, boolean reset) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (area.equals(attaching) && held != null) {
                held.add(new Held(area, seq, payload));
            } else if (membership != null && membership.area().equals(area)) {
                if (reset) {
                    sendEvent(seq, payload);
                    // Events the snapshot already holds may still arrive late from the broker.
                    skippingCovered = true;
                } else {
                    pushToMember(seq, payload);
                }
            }
        }
    }

    /** Under the lock, for the membership's area: drops what the join's reply already covered. */
    private void pushToMember(long seq, ByteBuffer payload) {
        if (skippingCovered) {
            if (seq <= lastSent) {
                return;
            }
            skippingCovered = false;
        }
        sendEvent(seq, payload);
    }

    private void sendEvent(long seq, ByteBuffer payload) {
        lastSent = seq;
        sendShared(payload);
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
