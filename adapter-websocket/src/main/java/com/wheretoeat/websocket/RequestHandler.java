package com.wheretoeat.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.CatchUp;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one request of one connection with the core's asynchronous calls and answers it
 * exactly once, in the call's completion: nothing here waits for storage.
 */
final class RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final WhereToEat app;
    private final AreaFeeds feeds;
    private final Replies replies;
    /** Whether the server is going away: then a closed connection's member stays, to resume elsewhere. */
    private final BooleanSupplier goingAway;

    RequestHandler(WhereToEat app, AreaFeeds feeds, Replies replies, BooleanSupplier goingAway) {
        this.app = app;
        this.feeds = feeds;
        this.replies = replies;
        this.goingAway = goingAway;
    }

    CompletionStage<Void> handle(Connection connection, Request request) {
        if (request instanceof Request.Join join) {
            return join(connection, join.id(), join.area(), join.name(), -1);
        }
        if (request instanceof Request.Resume resume) {
            return join(connection, resume.id(), resume.area(), resume.name(), resume.seq());
        }
        Connection.Membership membership = connection.membership();
        if (membership == null) {
            connection.send(replies.error(request.id(), new NotJoinedException()));
            return DONE;
        }
        SessionId session = connection.session();
        AreaName area = membership.area();
        CompletionStage<ObjectNode> answer;
        if (request instanceof Request.CastVote vote) {
            answer = app.vote(session, area, vote.venue())
                    .thenApply(cast -> replies.with(replies.ack(request.id()), "vote", cast));
        } else if (request instanceof Request.Retract) {
            answer = app.retract(session, area).thenApply(retracted -> {
                ObjectNode ack = replies.ack(request.id());
                retracted.ifPresent(vote -> replies.with(ack, "retracted", vote));
                return ack;
            });
        } else if (request instanceof Request.Snapshot) {
            answer = app.snapshot(area).thenApply(snapshot -> replies.with(replies.ack(request.id()), "snapshot", snapshot));
        } else {
            answer = app.leave(session, area).thenApply(left -> {
                // Empty when the member had gone already (a retried leave): nothing more to hear.
                AreaName was = connection.leave(left.map(AreaEvent::seq).orElse(Long.MIN_VALUE),
                        () -> ByteBuffer.wrap(replies.bytes(left.orElseThrow())).asReadOnlyBuffer());
                if (was != null) {
                    feeds.detach(was, connection);
                }
                return replies.ack(request.id());
            });
        }
        return answer.handle((ack, error) -> {
            connection.send(error == null ? replies.write(ack) : replies.error(request.id(), error));
            return null;
        });
    }

    /**
     * Joins (or resumes in) {@code area}. The connection starts receiving the area's events before
     * joining, held back until the reply is sent, so that it misses nothing between the snapshot (or
     * the replay) and the live events, and sees nothing twice.
     */
    private CompletionStage<Void> join(Connection connection, JsonNode id,
            AreaName area, Username name, long lastSeen) {
        SessionId session = connection.session();
        connection.holdEventsOf(area);
        return feeds.attach(area, connection)
                .thenCompose(ready -> app.join(session, area, name))
                .thenCompose(joined -> lastSeen < 0
                        ? CompletableFuture.completedFuture(new Outcome(joined, null))
                        : app.catchUp(area, lastSeen).thenApply(catchUp -> new Outcome(joined, catchUp)))
                .handle((outcome, error) -> {
                    if (error != null) {
                        Connection.Abandoned abandoned = connection.abandon(area);
                        if (!abandoned.stays()) {
                            feeds.detach(area, connection);
                        }
                        if (abandoned.leaveOwed()) {
                            // A closing connection of this session left its member to this join, which failed.
                            leaveAfterClose(connection, session, area);
                        }
                        connection.send(replies.error(id, error));
                        return null;
                    }
                    Connection.Membership previous = connection.settle(area, name, () -> reply(connection, id, outcome, lastSeen));
                    if (previous == null) {
                        // The client went away while joining: undo what its close could not see.
                        feeds.detach(area, connection);
                        leaveAfterClose(connection, session, area);
                    } else if (previous.area() != null && !previous.area().equals(area)) {
                        feeds.detach(previous.area(), connection);
                        leaveUnlessPresent(connection, session, previous.area());
                    }
                    return null;
                });
    }

    private record Outcome(Joined joined, CatchUp catchUp) {}

    /** Sends the join or resume ack and any replayed events; answers the last sequence number they cover. */
    private long reply(Connection connection, JsonNode id, Outcome outcome, long lastSeen) {
        ObjectNode ack = replies.with(replies.ack(id), "you", outcome.joined().you());
        if (outcome.catchUp() == null) {
            connection.send(replies.write(replies.with(ack, "snapshot", outcome.joined().snapshot())));
            return outcome.joined().snapshot().seq();
        }
        if (outcome.catchUp() instanceof CatchUp.Reset reset) {
            connection.send(replies.write(replies.with(ack, "snapshot", reset.snapshot())));
            return reset.snapshot().seq();
        }
        CatchUp.Replay replay = (CatchUp.Replay) outcome.catchUp();
        ack.put("replayed", replay.events().size());
        connection.send(replies.write(ack));
        long covered = lastSeen;
        for (AreaEvent event : replay.events()) {
            connection.send(replies.write(event));
            covered = Math.max(covered, event.seq());
        }
        return covered;
    }

    /** What a closed connection leaves behind: its member, unless the server is going away (see {@link #leaveUnlessPresent}). */
    void leaveAfterClose(Connection connection, SessionId session, AreaName area) {
        if (!goingAway.getAsBoolean()) {
            leaveUnlessPresent(connection, session, area);
        }
    }

    /**
     * Ends the connection's membership in {@code area} unless another connection of its session is
     * there or on its way there (a reconnect's resume in flight): that one takes the member over,
     * and leaves it itself should its join fail.
     */
    void leaveUnlessPresent(Connection connection, SessionId session, AreaName area) {
        if (session == null || feeds.anyOther(area, connection, other -> session.equals(other.session()) && other.owe(area))) {
            return;
        }
        app.leave(session, area).whenComplete((left, error) -> {
            if (error != null && !(Replies.unwrap(error) instanceof NotJoinedException)) {
                LOG.info("Could not leave area {} for a closed connection: {}", area, Replies.unwrap(error).getMessage());
            }
        });
    }
}
