package com.wheretoeat.websocket;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.port.AreaListener;
import com.wheretoeat.core.port.Subscription;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's live areas: one core subscription per area that has local connections, whose events
 * are serialized once and the same bytes written to every connection of the area. The subscription
 * ends when the area's last local connection goes.
 */
final class AreaFeeds {
    private static final Logger LOG = LoggerFactory.getLogger(AreaFeeds.class);

    private final WhereToEat app;
    private final Replies replies;
    private final Map<AreaName, Feed> feeds = new HashMap<>();

    AreaFeeds(WhereToEat app, Replies replies) {
        this.app = app;
        this.replies = replies;
    }

    /** Adds {@code connection} to the area's audience; completes once the area's events are flowing. */
    CompletableFuture<Void> attach(AreaName area, Connection connection) {
        Feed feed;
        boolean fresh = false;
        synchronized (this) {
            feed = feeds.get(area);
            if (feed == null) {
                feed = new Feed(area);
                feeds.put(area, feed);
                fresh = true;
            }
            feed.connections.add(connection);
        }
        if (fresh) {
            feed.subscribe();
        }
        return feed.ready;
    }

    /** Removes {@code connection} from the area's audience, ending the subscription with the last one. */
    void detach(AreaName area, Connection connection) {
        Feed gone = null;
        synchronized (this) {
            Feed feed = feeds.get(area);
            if (feed == null) {
                return;
            }
            feed.connections.remove(connection);
            if (feed.connections.isEmpty()) {
                feeds.remove(area);
                gone = feed;
            }
        }
        if (gone != null) {
            gone.close();
        }
    }

    /** Whether some connection of the area other than {@code except} matches {@code test}. */
    boolean anyOther(AreaName area, Connection except, Predicate<Connection> test) {
        Feed feed;
        synchronized (this) {
            feed = feeds.get(area);
        }
        return feed != null && feed.connections.stream().anyMatch(c -> c != except && test.test(c));
    }

    synchronized int areaCount() {
        return feeds.size();
    }

    void closeAll() {
        List<Feed> all;
        synchronized (this) {
            all = new ArrayList<>(feeds.values());
            feeds.clear();
        }
        all.forEach(Feed::close);
    }

    /** One area's subscription and its local audience. */
    private final class Feed implements AreaListener {
        final AreaName area;
        final Set<Connection> connections = ConcurrentHashMap.newKeySet();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        private volatile Subscription subscription;
        private volatile boolean closed;
        /** Events that came while a fresh snapshot was on its way; null when none is. Guarded by this. */
        private List<AreaEvent> heldForReset;

        Feed(AreaName area) {
            this.area = area;
        }

        void subscribe() {
            app.subscribe(area, this).whenComplete((held, error) -> {
                if (error != null) {
                    synchronized (AreaFeeds.this) {
                        // Let the next join try again rather than inherit this failure.
                        feeds.remove(area, this);
                    }
                    ready.completeExceptionally(error);
                    return;
                }
                subscription = held;
                if (closed) {
                    held.close();
                }
                ready.complete(null);
            });
        }

        void close() {
            closed = true;
            Subscription held = subscription;
            if (held != null) {
                held.close();
            }
        }

        @Override
        public void onEvent(AreaEvent event) {
            if (closed) {
                return;
            }
            synchronized (this) {
                if (heldForReset != null) {
                    heldForReset.add(event);
                    return;
                }
                forward(event);
            }
        }

        private void forward(AreaEvent event) {
            ByteBuffer payload = ByteBuffer.wrap(replies.bytes(event)).asReadOnlyBuffer();
            for (Connection connection : connections) {
                connection.push(area, event.seq(), payload);
            }
        }

        /**
         * Delivery was interrupted, so events may be lost for every client here: each gets a fresh
         * snapshot (a {@code reset}) and then the events after it. Events that arrive meanwhile wait,
         * so none overtakes the snapshot and none is sent twice.
         */
        @Override
        public void onResumed() {
            synchronized (this) {
                if (closed || heldForReset != null) {
                    return;
                }
                heldForReset = new ArrayList<>();
            }
            app.snapshot(area).whenComplete((snapshot, error) -> {
                synchronized (this) {
                    List<AreaEvent> held = heldForReset;
                    heldForReset = null;
                    long covered = -1;
                    if (error == null) {
                        ByteBuffer reset = ByteBuffer.wrap(replies.reset(snapshot)).asReadOnlyBuffer();
                        connections.forEach(connection -> connection.pushReset(area, snapshot.seq(), reset));
                        covered = snapshot.seq();
                    } else {
                        LOG.warn("Could not refresh area {} after an interruption ({}); clients catch up "
                                + "with a resume when they see a gap", area, Replies.unwrap(error).getMessage());
                    }
                    for (AreaEvent event : held) {
                        if (event.seq() > covered) {
                            forward(event);
                        }
                    }
                }
            });
        }
    }
}
