package com.wheretoeat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One member of the one big area, in one of three roles: the voter, a reader that times the vote
 * events it receives, or a silent member that stops reading its socket once joined, so that the
 * server's fan-out to it costs this generator nothing. Runs on its connection's event loop.
 */
final class AreaMember extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** What the member does once joined. */
    enum Role { VOTER, READER, SILENT }

    private static final ObjectMapper JSON = new ObjectMapper();
    // Two places in turn: after the first vote (a cast) every vote is a move, one event each.
    private static final String[] PLACES = {"Noodle Bar", "Taco Stand"};
    // The server writes "type" first (protocol transcripts): a prefix tells most messages apart, so
    // presence (member-joined one by one in a small area or from an older server, presence batches
    // in a big one) and the join's ack (a page of members) are never decoded or parsed here: the
    // generator spends its share of the cores on the figures, not on what it does not measure.
    private static final String JOIN_ACK = "{\"type\":\"ack\",\"id\":\"join\"";
    private static final String MEMBER_EVENT = "{\"type\":\"member-";
    private static final String PRESENCE = "{\"type\":\"presence\"";
    private static final int PREFIX = JOIN_ACK.length();

    private final AreaTrack area;
    private final String name;
    private final Role role;
    private final Figures figures;
    private final CompletableFuture<Boolean> joined = new CompletableFuture<>();
    private final ArrayDeque<Long> awaitingAck = new ArrayDeque<>();
    private final ArrayDeque<Long> awaitingEvent = new ArrayDeque<>();
    private Channel channel;
    private volatile long connectNanos;
    private volatile long joinNanos;
    private ScheduledFuture<?> voting;
    private int votesLeft;
    private int votesSent;
    private volatile boolean closing;
    private volatile boolean lost;

    AreaMember(AreaTrack area, String name, Role role, Figures figures) {
        this.area = area;
        this.name = name;
        this.role = role;
        this.figures = figures;
    }

    Role role() {
        return role;
    }

    /** Completes with true once the join is acknowledged, false if it failed or the connection went. */
    CompletableFuture<Boolean> joined() {
        return joined;
    }

    /** From the start of the connect to the join's ack, in nanoseconds; 0 before the ack. */
    long joinLatencyNanos() {
        return joinNanos == 0 ? 0 : joinNanos - connectNanos;
    }

    /** When the join's ack arrived ({@link System#nanoTime()}); 0 before. */
    long joinedAtNanos() {
        return joinNanos;
    }

    void connecting(long nanos) {
        connectNanos = nanos;
    }

    /** Whether the connection ended without this benchmark closing it (the server closed it). */
    boolean lost() {
        return lost;
    }

    /** The voter: {@code votes} votes, one every {@code intervalNanos}, starting now. */
    void startVoting(int votes, long intervalNanos) {
        votesLeft = votes;
        channel.eventLoop().execute(() -> voting = channel.eventLoop().scheduleAtFixedRate(() -> {
            if (votesLeft == 0 || !channel.isActive()) {
                voting.cancel(false);
                return;
            }
            votesLeft--;
            vote();
        }, 0, intervalNanos, TimeUnit.NANOSECONDS));
    }

    /** Closes the connection without counting it as lost. */
    void close() {
        closing = true;
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
        long now = System.nanoTime();
        if (frame instanceof CloseWebSocketFrame close) {
            if (!closing && role != Role.SILENT) {
                figures.problem(role + " closed by server " + close.statusCode() + " " + close.reasonText());
            }
            ctx.close();
            return;
        }
        if (!(frame instanceof TextWebSocketFrame) || (role == Role.SILENT && joined.isDone())) {
            return; // a silent member that has joined ignores whatever was read before reading stopped
        }
        ByteBuf bytes = frame.content();
        String prefix = bytes.toString(bytes.readerIndex(), Math.min(PREFIX, bytes.readableBytes()), StandardCharsets.UTF_8);
        if (prefix.startsWith(MEMBER_EVENT) || prefix.startsWith(PRESENCE)) {
            return;
        }
        if (prefix.equals(JOIN_ACK)) {
            onJoined(ctx, now);
            return;
        }
        onMessage(JSON.readTree(bytes.toString(StandardCharsets.UTF_8)), now);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!closing) {
            lost = true;
            if (role != Role.SILENT) {
                figures.problem(role + (joined.isDone() ? " connection lost" : " connection lost before joining"));
            }
        }
        joined.complete(false);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        figures.problem(role + " exception " + cause.getClass().getSimpleName());
        ctx.close();
    }

    private void onJoined(ChannelHandlerContext ctx, long now) {
        joinNanos = now;
        if (role == Role.SILENT) {
            // Nothing more is read: the server's writes to this member pile up in the kernel's
            // buffers, then in its own outbound buffer, as for a phone that went to sleep.
            ctx.channel().config().setAutoRead(false);
        } else if (role == Role.READER) {
            area.memberJoined();
        }
        joined.complete(true);
    }

    private void onMessage(JsonNode message, long now) {
        switch (message.path("type").asText()) {
            case "hello" -> send("{\"type\":\"join\",\"id\":\"join\",\"area\":\"" + area.name()
                    + "\",\"name\":\"" + name + "\"}");
            case "ack" -> onVoteAck(message);
            case "error" -> {
                figures.problem(role + " error " + message.path("code").asText());
                if ("join".equals(message.path("id").asText())) {
                    joined.complete(false);
                } else if (!awaitingAck.isEmpty()) {
                    awaitingAck.poll();
                    awaitingEvent.poll(); // a refused vote causes no event
                    figures.votesAnswered.increment();
                }
            }
            case "vote-cast", "vote-moved" -> onVoteEvent(message, now);
            case "reset" -> figures.problem(role + " reset");
            default -> { } // anything else is not measured
        }
    }

    private void onVoteAck(JsonNode ack) {
        Long sent = awaitingAck.poll();
        if (sent == null) {
            figures.problem("ack for no vote");
            return;
        }
        figures.votesAnswered.increment();
        figures.votesAcked.increment();
        area.voteAcked(ack.path("vote").path("seq").asLong(), sent, true);
    }

    private void onVoteEvent(JsonNode event, long now) {
        if (role == Role.READER) {
            area.eventArrived(event.path("seq").asLong(), now);
        } else if (role == Role.VOTER && name.equals(event.path("vote").path("voter").asText())) {
            Long sent = awaitingEvent.poll();
            if (sent != null) {
                figures.ownEvent.recordValue((now - sent) / 1_000);
            }
        }
    }

    private void vote() {
        long now = System.nanoTime();
        awaitingAck.add(now);
        awaitingEvent.add(now);
        figures.votesSent.increment();
        votesSent++;
        send("{\"type\":\"vote\",\"id\":" + votesSent + ",\"venue\":\"" + PLACES[votesSent % PLACES.length] + "\"}");
    }

    private void send(String json) {
        channel.writeAndFlush(new TextWebSocketFrame(json));
    }
}
