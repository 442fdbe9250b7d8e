package com.wheretoeat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated member on one connection: joins its area after the server's hello, then votes on its
 * own schedule and times its votes' events. Everything here runs on the connection's event loop, so
 * its own state needs no locks; only the area's track and the figures are shared.
 */
final class LiveClient extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Three places taken in turn: each vote differs from the last, so each is a cast or a move.
    private static final String[] PLACES = {"Noodle Bar", "Taco Stand", "Curry House"};

    private final AreaTrack area;
    private final String name;
    private final Figures figures;
    private final CompletableFuture<Boolean> joined = new CompletableFuture<>();
    // Votes waiting for their reply, and votes waiting for their own event (in sending order: the
    // server carries out one connection's requests in order).
    private final ArrayDeque<Sent> awaitingReply = new ArrayDeque<>();
    private final ArrayDeque<Sent> awaitingEvent = new ArrayDeque<>();
    private Channel channel;
    private ScheduledFuture<?> voting;
    private long nextId = 1;
    private int place;
    private volatile boolean stopping;

    LiveClient(AreaTrack area, String name, Figures figures, int firstPlace) {
        this.area = area;
        this.name = name;
        this.figures = figures;
        this.place = firstPlace;
    }

    /** Completes with true once the join is acknowledged, false if it failed or the connection went. */
    CompletableFuture<Boolean> joined() {
        return joined;
    }

    /**
     * Votes every {@code intervalNanos} from {@code firstNanos} (a {@link System#nanoTime()} value)
     * until {@code endNanos}; votes sent from {@code measureFromNanos} on count in the figures.
     */
    void startVoting(long firstNanos, long intervalNanos, long measureFromNanos, long endNanos) {
        channel.eventLoop().execute(() -> voting = channel.eventLoop().scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            if (now >= endNanos || !channel.isActive()) {
                voting.cancel(false);
                return;
            }
            vote(now, now >= measureFromNanos);
        }, Math.max(0, firstNanos - System.nanoTime()), intervalNanos, TimeUnit.NANOSECONDS));
    }

    /** Closes the connection without counting it as a problem. */
    void close() {
        stopping = true;
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws Exception {
        if (frame instanceof TextWebSocketFrame text) {
            onMessage(JSON.readTree(text.text()), System.nanoTime());
        } else if (frame instanceof CloseWebSocketFrame close) {
            if (!stopping) {
                figures.problem("closed by server " + close.statusCode() + " " + close.reasonText());
            }
            stopping = true;
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!stopping) {
            figures.problem(joined.isDone() ? "connection lost" : "connection lost before joining");
        }
        joined.complete(false);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        figures.problem("exception " + cause.getClass().getSimpleName());
        ctx.close();
    }

    private void onMessage(JsonNode message, long now) {
        switch (message.path("type").asText()) {
            case "hello" -> send("{\"type\":\"join\",\"id\":\"join\",\"area\":\"" + area.name()
                    + "\",\"name\":\"" + name + "\"}");
            case "ack" -> onAck(message);
            case "error" -> onError(message);
            case "vote-cast", "vote-moved" -> onVoteEvent(message, now);
            case "reset" -> figures.problem("reset");
            default -> { } // member-joined and member-left of the join phase; not measured
        }
    }

    private void onAck(JsonNode ack) {
        if ("join".equals(ack.path("id").asText())) {
            area.memberJoined();
            joined.complete(true);
            return;
        }
        Sent vote = awaitingReply.poll();
        if (vote == null) {
            figures.problem("ack for no vote");
            return;
        }
        if (vote.measured) {
            figures.votesAnswered.increment();
            figures.votesAcked.increment();
        }
        area.voteAcked(ack.path("vote").path("seq").asLong(), vote.nanos, vote.measured);
    }

    private void onError(JsonNode error) {
        figures.problem("error " + error.path("code").asText());
        String id = error.path("id").asText();
        if ("join".equals(id)) {
            joined.complete(false);
            return;
        }
        Sent vote = id.isEmpty() ? null : awaitingReply.poll();
        if (vote != null) {
            // A refused vote causes no event: stop waiting for one.
            for (Iterator<Sent> it = awaitingEvent.iterator(); it.hasNext(); ) {
                if (it.next() == vote) {
                    it.remove();
                }
            }
            if (vote.measured) {
                figures.votesAnswered.increment();
            }
        }
    }

    private void onVoteEvent(JsonNode event, long now) {
        if (name.equals(event.path("vote").path("voter").asText())) {
            Sent vote = awaitingEvent.poll();
            if (vote == null) {
                figures.problem("own event for no vote");
            } else if (vote.measured) {
                figures.ownEvent.recordValue((now - vote.nanos) / 1_000);
            }
        }
        area.eventArrived(event.path("seq").asLong(), now);
    }

    private void vote(long now, boolean measured) {
        Sent vote = new Sent(nextId++, now, measured);
        awaitingReply.add(vote);
        awaitingEvent.add(vote);
        if (measured) {
            figures.votesSent.increment();
        }
        place = (place + 1) % PLACES.length;
        send("{\"type\":\"vote\",\"id\":" + vote.id + ",\"venue\":\"" + PLACES[place] + "\"}");
    }

    private void send(String json) {
        channel.writeAndFlush(new TextWebSocketFrame(json));
    }

    /** A vote as sent: its request id, when, and whether it falls in the measured window. */
    private record Sent(long id, long nanos, boolean measured) {}
}
