package com.wheretoeat.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.json.CoreJson;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java client of the live protocol, for embedders, tests and load generation. Each request
 * returns a future completed by the server's ack or failed by its error reply
 * ({@link ErrorReplyException}); pushed events go to {@link #onEvent} listeners. The {@code await...}
 * helpers wait with a limit and fail with a message that shows what did arrive.
 *
 * <p>The client records what the server sent for {@link #messages()} and the {@code await...}
 * helpers: the latest {@value #RECORDED_MESSAGES} messages (or as many as
 * {@link Connector#keepMessages} says), so that a long-lived client does not grow without bound. Listeners see every event however many there are.
 *
 * <p>In an area of more than {@link AreaEvent.PresenceBatch#BATCHED_ABOVE} members, joins and leaves
 * arrive as {@link AreaEvent.PresenceBatch}es, and snapshots hold the first page of members:
 * {@link #members(long)} gives the others.
 */
public final class WhereToEatClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = CoreJson.newMapper();
    private static final int MAX_INCOMING_BYTES = 16 * 1024 * 1024;
    /** How often a request answered {@code unavailable} is sent again by default. */
    public static final int DEFAULT_RETRIES = 3;
    /** How many of the latest messages {@link #messages()} keeps. */
    public static final int RECORDED_MESSAGES = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(WhereToEatClient.class);

    private final Connector connector;
    private final Socket socket;
    private final CompletableFuture<WhereToEatClient> hello = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** The latest messages, oldest first. Guarded by itself. */
    private final ArrayDeque<JsonNode> received = new ArrayDeque<>();
    /** How many messages arrived in all, including those no longer kept. Guarded by received. */
    private long arrived;
    private final List<Consumer<AreaEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<AreaSnapshot>> resetListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong lastSeq = new AtomicLong();
    private volatile String session;
    private volatile String area;
    private volatile String name;

    private WhereToEatClient(Connector connector) {
        this.connector = connector;
        this.session = connector.session;
        URI uri = connector.session == null ? connector.server : withSession(connector.server, connector.session);
        this.socket = new Socket(uri, connector.headers);
        listeners.addAll(connector.listeners);
    }

    /** Starts describing a connection to the server at {@code server}, such as {@code ws://localhost:8081/}. */
    public static Connector to(URI server) {
        return new Connector(server);
    }

    /** How to connect: with or without a session, with extra handshake headers (a cookie, an origin). */
    public static final class Connector {
        private final URI server;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<Consumer<AreaEvent>> listeners = new ArrayList<>();
        private String session;
        private int kept = RECORDED_MESSAGES;
        private int retries = DEFAULT_RETRIES;

        private Connector(URI server) {
            this.server = Objects.requireNonNull(server, "server");
        }

        /** Presents this session token (in the query string), as after a reconnect. */
        public Connector session(String token) {
            this.session = token;
            return this;
        }

        public Connector header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Keeps only the latest {@code count} messages for {@link #messages()} (default {@value #RECORDED_MESSAGES}). */
        public Connector keepMessages(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("At least one message must be kept, was " + count);
            }
            this.kept = count;
            return this;
        }

        /** A listener every client made by this connector starts with, so no early event is missed. */
        public Connector onEvent(Consumer<AreaEvent> listener) {
            listeners.add(listener);
            return this;
        }

        /**
         * How often a request answered {@code unavailable} is sent again, after 0.2 s, 0.4 s, ... with
         * jitter; every request of the protocol is safe to repeat. 0 reports the first answer.
         */
        public Connector retries(int times) {
            if (times < 0) {
                throw new IllegalArgumentException("Retries cannot be negative, was " + times);
            }
            this.retries = times;
            return this;
        }

        /** Connects; completes when the server said hello, fails when the handshake or the connection fails. */
        public CompletableFuture<WhereToEatClient> connect() {
            WhereToEatClient client = new WhereToEatClient(this);
            client.socket.connect();
            return client.hello;
        }

        private Connector copy() {
            Connector copy = new Connector(server);
            copy.headers.putAll(headers);
            copy.session = session;
            copy.kept = kept;
            copy.retries = retries;
            return copy;
        }
    }

    /**
     * The session this client acts under: the one it presented, or the one the server issued with
     * the ack of its first join (or resume); null until then. Present it on reconnect ({@link #reconnect()} does).
     */
    public String session() {
        return session;
    }

    /** The highest sequence number of this client's area seen so far, from acks and events. */
    public long lastSeq() {
        return lastSeq.get();
    }

    /** Called when the server starts this client again from a fresh snapshot, after it may have missed events. */
    public void onReset(Consumer<AreaSnapshot> listener) {
        resetListeners.add(listener);
    }

    public void onEvent(Consumer<AreaEvent> listener) {
        listeners.add(listener);
    }

    public CompletableFuture<Joined> join(String areaName, String memberName) {
        ObjectNode request = MAPPER.createObjectNode().put("type", "join").put("area", areaName).put("name", memberName);
        return retrying(request).thenApply(ack -> {
            area = areaName;
            name = memberName;
            Joined joined = read(ack, Joined.class);
            lastSeq.set(joined.snapshot().seq());
            return joined;
        });
    }

    /** Votes for a place from a search. */
    public CompletableFuture<Vote> vote(Venue venue) {
        ObjectNode request = MAPPER.createObjectNode().put("type", "vote");
        request.set("venue", MAPPER.valueToTree(venue));
        return retrying(request).thenApply(ack -> read(ack.get("vote"), Vote.class));
    }

    /** Votes for a place typed in by name. */
    public CompletableFuture<Vote> vote(String typedName) {
        ObjectNode request = MAPPER.createObjectNode().put("type", "vote").put("venue", typedName);
        return retrying(request).thenApply(ack -> read(ack.get("vote"), Vote.class));
    }

    public CompletableFuture<Optional<Vote>> retract() {
        return retrying(MAPPER.createObjectNode().put("type", "retract"))
                .thenApply(ack -> Optional.ofNullable(ack.get("retracted")).map(v -> read(v, Vote.class)));
    }

    public CompletableFuture<AreaSnapshot> snapshot() {
        return retrying(MAPPER.createObjectNode().put("type", "snapshot"))
                .thenApply(ack -> read(ack.get("snapshot"), AreaSnapshot.class));
    }

    /**
     * The area's members after the one numbered {@code after}, in order of joining (at most a
     * page; {@code more} says whether to ask again after the last). A snapshot holds the first page
     * only: ask with its last member's {@code seq} for the rest.
     */
    public CompletableFuture<MemberPage> members(long after) {
        return retrying(MAPPER.createObjectNode().put("type", "members").put("after", after))
                .thenApply(ack -> read(ack.get("page"), MemberPage.class));
    }

    /**
     * Closes the area's round; answers its decision (also heard as a {@code round-decided} event).
     * Never sent again by itself, unlike the other requests: one that went through closed the round,
     * and a second could close the next; after {@code unavailable}, {@link #history()} tells.
     */
    public CompletableFuture<Decision> decide() {
        return request(MAPPER.createObjectNode().put("type", "decide"))
                .thenApply(ack -> read(ack.get("decision"), Decision.class));
    }

    /** Sets the round's deadline at {@code at}, or clears it with null; answers the round. */
    public CompletableFuture<Round> deadline(Instant at) {
        ObjectNode request = MAPPER.createObjectNode().put("type", "deadline");
        if (at == null) {
            request.putNull("at");
        } else {
            request.put("at", at.toString());
        }
        return retrying(request).thenApply(ack -> read(ack.get("round"), Round.class));
    }

    /** Sets the round's deadline {@code minutes} from now (the server's clock); answers the round. */
    public CompletableFuture<Round> deadlineInMinutes(int minutes) {
        return retrying(MAPPER.createObjectNode().put("type", "deadline").put("inMinutes", minutes))
                .thenApply(ack -> read(ack.get("round"), Round.class));
    }

    /** Breaks the latest decision's tie by the server's draw; answers the decision with the place drawn. Never sent again by itself. */
    public CompletableFuture<Decision> breakTie() {
        return request(MAPPER.createObjectNode().put("type", "break-tie"))
                .thenApply(ack -> read(ack.get("decision"), Decision.class));
    }

    /** The area's latest decisions, newest first. */
    public CompletableFuture<List<Decision>> history() {
        return retrying(MAPPER.createObjectNode().put("type", "history"))
                .thenApply(ack -> List.of(read(ack.get("history"), Decision[].class)));
    }

    public CompletableFuture<Void> leave() {
        return retrying(MAPPER.createObjectNode().put("type", "leave")).thenApply(ack -> {
            area = null;
            name = null;
            return null;
        });
    }

    /** What a resume answered: the member you are, and a fresh snapshot when the missed events were gone. */
    public record Resumed(Member you, Optional<AreaSnapshot> snapshot, int replayed) {}

    /** Joins again after a reconnect; the events after {@code seq} follow the ack, or a snapshot comes in it. */
    public CompletableFuture<Resumed> resume(String areaName, String memberName, long seq) {
        ObjectNode request = MAPPER.createObjectNode().put("type", "resume").put("area", areaName)
                .put("name", memberName).put("seq", seq);
        return retrying(request).thenApply(ack -> {
            area = areaName;
            name = memberName;
            Optional<AreaSnapshot> snapshot = Optional.ofNullable(ack.get("snapshot")).map(s -> read(s, AreaSnapshot.class));
            snapshot.ifPresent(s -> lastSeq.set(s.seq()));
            return new Resumed(read(ack.get("you"), Member.class), snapshot, ack.path("replayed").asInt(0));
        });
    }

    /**
     * Follows {@code areaName} without joining it: the events after the snapshot in the answer
     * follow. Joining later on the same connection makes this client a member there.
     */
    public CompletableFuture<AreaSnapshot> watch(String areaName) {
        return retrying(MAPPER.createObjectNode().put("type", "watch").put("area", areaName)).thenApply(ack -> {
            area = null;
            name = null;
            AreaSnapshot snapshot = read(ack.get("snapshot"), AreaSnapshot.class);
            lastSeq.set(snapshot.seq());
            return snapshot;
        });
    }

    /**
     * Sends {@code request} as {@link #request} does, and again, with backoff and jitter, while it is
     * answered {@code unavailable} (storage was slow or away; the request may have been carried out,
     * and is safe to send again), as often as {@link Connector#retries} allows.
     */
    private CompletableFuture<JsonNode> retrying(ObjectNode request) {
        return attempt(request, 0);
    }

    private CompletableFuture<JsonNode> attempt(ObjectNode request, int tried) {
        ObjectNode fresh = request.deepCopy();
        fresh.remove("id");
        return request(fresh).handle((ack, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(ack);
            }
            Throwable cause = Replies.unwrap(error);
            if (cause instanceof ErrorReplyException refused && refused.wireCode().equals("unavailable")
                    && tried < connector.retries && isOpen()) {
                long delay = (long) (200 * Math.pow(2, tried) * (0.5 + ThreadLocalRandom.current().nextDouble()));
                return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> attempt(request, tried + 1));
            }
            return CompletableFuture.<JsonNode>failedFuture(cause);
        }).thenCompose(next -> next);
    }

    /**
     * A new connection with this client's session that resumes in its area from the last sequence
     * number seen. This client's listeners move to the new one.
     */
    public CompletableFuture<WhereToEatClient> reconnect() {
        close();
        Connector again = connector.copy().session(session);
        again.listeners.addAll(listeners);
        String wasArea = area;
        String wasName = name;
        long seen = lastSeq.get();
        return again.connect().thenCompose(client -> {
            client.lastSeq.set(seen);
            if (wasArea == null) {
                return CompletableFuture.completedFuture(client);
            }
            return client.resume(wasArea, wasName, seen).thenApply(resumed -> client);
        });
    }

    /**
     * Sends {@code request} with a fresh {@code id} unless it has one; completes with the ack, or
     * fails with {@link ErrorReplyException}.
     */
    public CompletableFuture<JsonNode> request(ObjectNode request) {
        if (!request.has("id")) {
            request.put("id", String.valueOf(ids.incrementAndGet()));
        }
        // The id as JSON, so that a reply to "1" is not taken for the reply to 1.
        String id = request.get("id").toString();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.send(write(request));
        } catch (WebsocketNotConnectedException e) {
            pending.remove(id);
            reply.completeExceptionally(new IllegalStateException("The connection is closed", e));
        }
        return reply;
    }

    /**
     * Sends {@code text} as it is, for tests of what the server does with odd input; answers false,
     * sending nothing, once the connection is closed (the server may close it over that input).
     */
    public boolean sendRaw(String text) {
        try {
            socket.send(text);
            return true;
        } catch (WebsocketNotConnectedException closed) {
            return false;
        }
    }

    /** What the server sent so far, oldest first: everything, or the latest as many as are kept. */
    public List<JsonNode> messages() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits for the first message (counting from the start) that matches {@code condition}. */
    public JsonNode awaitMessage(Predicate<JsonNode> condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (received) {
            while (true) {
                for (JsonNode message : received) {
                    if (condition.test(message)) {
                        return message;
                    }
                }
                waitUntil(deadline, () -> "No matching message within " + limit + "; received " + describe(List.copyOf(received)));
            }
        }
    }

    /**
     * Waits until at least {@code count} messages arrived; answers the first {@code count}. Fails
     * when some of them are no longer kept (see {@link #RECORDED_MESSAGES}).
     */
    public List<JsonNode> awaitMessages(int count, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (received) {
            while (arrived < count) {
                waitUntil(deadline, () -> "Expected " + count + " messages within " + limit + " but received "
                        + describe(List.copyOf(received)));
            }
            long forgotten = arrived - received.size();
            if (forgotten > 0) {
                throw new IllegalStateException("The first " + forgotten + " messages are no longer kept");
            }
            return List.copyOf(received).subList(0, count);
        }
    }

    /** Waits until the connection is open (the server said hello). */
    public WhereToEatClient awaitOpen(Duration limit) {
        return await(hello, limit, "The connection did not open");
    }

    /** Waits until the connection is closed; answers the close code. */
    public int awaitClose(Duration limit) {
        return await(closed, limit, "The connection did not close");
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() {
        socket.close();
    }

    /** The messages for a failure: all of a few, or the count and the latest of many. */
    private static String describe(List<JsonNode> messages) {
        int shown = 20;
        if (messages.size() <= shown) {
            return messages.size() + ": " + messages;
        }
        return messages.size() + ", the latest " + shown + ": " + messages.subList(messages.size() - shown, messages.size());
    }

    private void waitUntil(long deadline, java.util.function.Supplier<String> failure) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError(failure.get());
        }
        try {
            received.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }

    private static <T> T await(CompletableFuture<?> future, Duration limit, String failure) {
        try {
            @SuppressWarnings("unchecked")
            T value = (T) future.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return value;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(failure + " within " + limit, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(failure + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return;
        }
        String type = message.path("type").asText();
        if ((type.equals("ack") || type.equals("hello")) && message.hasNonNull("session")) {
            // The server issues a session with the first join's ack.
            session = message.get("session").asText();
        }
        if (type.equals("reset")) {
            // The server started this client again from a snapshot, which may be of a restarted area.
            lastSeq.set(message.path("seq").asLong());
            notifyResetListeners(message);
        } else if (message.has("seq") && message.has("area")) {
            lastSeq.accumulateAndGet(message.get("seq").asLong(), Math::max);
        }
        // Event listeners run before the message is recorded, so whoever awaits it finds their effects
        // done; futures complete after, so whoever awaits one finds the message in messages().
        if (!type.equals("ack") && !type.equals("error") && !type.equals("reset") && message.has("seq") && message.has("area")) {
            notifyListeners(message);
        }
        synchronized (received) {
            received.addLast(message);
            arrived++;
            if (received.size() > connector.kept) {
                received.removeFirst();
            }
            received.notifyAll();
        }
        if (type.equals("hello")) {
            hello.complete(this);
        } else if (type.equals("ack") || type.equals("error")) {
            CompletableFuture<JsonNode> reply = message.has("id") ? pending.remove(message.get("id").toString()) : null;
            if (reply != null) {
                if (type.equals("ack")) {
                    reply.complete(message);
                } else {
                    reply.completeExceptionally(new ErrorReplyException(message.path("code").asText(),
                            message.path("message").asText(), message.hasNonNull("field") ? message.get("field").asText() : null));
                }
            }
        }
    }

    private void notifyResetListeners(JsonNode message) {
        AreaSnapshot snapshot;
        try {
            snapshot = MAPPER.treeToValue(message.get("snapshot"), AreaSnapshot.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return;
        }
        for (Consumer<AreaSnapshot> listener : resetListeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                // One faulty listener must not starve the others; its owner may want to know.
                LOG.debug("A reset listener failed", e);
            }
        }
    }

    private void notifyListeners(JsonNode message) {
        AreaEvent event;
        try {
            event = MAPPER.treeToValue(message, AreaEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return;
        }
        for (Consumer<AreaEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // One faulty listener must not starve the others; its owner may want to know.
                LOG.debug("An event listener failed on event {} of {}", event.seq(), event.area(), e);
            }
        }
    }

    private void closed(int code) {
        closed.complete(code);
        hello.completeExceptionally(new IllegalStateException("The connection closed (" + code + ") before the server said hello"));
        IllegalStateException gone = new IllegalStateException("The connection closed (" + code + ") before the reply");
        pending.values().forEach(reply -> reply.completeExceptionally(gone));
        pending.clear();
        synchronized (received) {
            received.notifyAll();
        }
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI withSession(URI server, String token) {
        String separator = server.getRawQuery() == null ? "?" : "&";
        return URI.create(server + separator + "session=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** The Java-WebSocket client underneath; its callbacks only hand over to the client. */
    private final class Socket extends WebSocketClient {
        Socket(URI uri, Map<String, String> headers) {
            super(uri, new Draft_6455(List.of(), MAX_INCOMING_BYTES), headers, 5000);
            setTcpNoDelay(true);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {}

        @Override
        public void onMessage(String text) {
            receive(text);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closed(code);
        }

        @Override
        public void onError(Exception error) {
            // onClose follows and fails what is waiting.
        }
    }
}
