package com.wheretoeat.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wheretoeat.core.Presence;
import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.error.UnavailableException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.CatchUp;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.websocket.Connection.Place;
import com.wheretoeat.websocket.Connection.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Carries out one request of one connection with the core's asynchronous calls and answers it
 * exactly once, in the call's completion: nothing here waits for storage. Following an area is the
 * core's ({@link WhereToEat#follow}); when a member leaves because its connections went away is
 * the core's too ({@link Presence}): this class tells it where each connection is.
 */
final class RequestHandler {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final WhereToEat app;
    private final Replies replies;

    RequestHandler(WhereToEat app, Replies replies) {
        this.app = app;
        this.replies = replies;
    }

    CompletionStage<Void> handle(Connection connection, Request request) {
        if (request instanceof Request.Join join) {
            return enter(connection, join.id(), join.area(), join.name(), -1);
        }
        if (request instanceof Request.Resume resume) {
            return enter(connection, resume.id(), resume.area(), resume.name(), resume.seq());
        }
        if (request instanceof Request.Watch watch) {
            return watch(connection, watch);
        }
        Place place = connection.place();
        if (place == null || !(place.member() || readsOnly(request))) {
            connection.send(replies.error(request.id(), new NotJoinedException()));
            return DONE;
        }
        SessionId session = connection.session();
        AreaName area = place.area();
        CompletionStage<ObjectNode> answer;
        if (request instanceof Request.CastVote vote) {
            answer = (vote.listed() != null ? app.vote(session, area, vote.listed()) : app.vote(session, area, vote.typed()))
                    .thenApply(cast -> replies.with(replies.ack(request.id()), "vote", cast));
        } else if (request instanceof Request.Retract) {
            answer = app.retract(session, area).thenApply(retracted -> {
                ObjectNode ack = replies.ack(request.id());
                retracted.ifPresent(vote -> replies.with(ack, "retracted", vote));
                return ack;
            });
        } else if (request instanceof Request.Snapshot) {
            answer = app.snapshot(area).thenApply(snapshot -> replies.with(replies.ack(request.id()), "snapshot", snapshot));
        } else if (request instanceof Request.Members members) {
            answer = app.members(area, members.after()).thenApply(page -> replies.with(replies.ack(request.id()), "page", page));
        } else if (request instanceof Request.History) {
            answer = app.history(area).thenApply(history -> replies.with(replies.ack(request.id()), "history", history));
        } else if (request instanceof Request.Decide) {
            answer = app.decide(session, area).thenApply(decision -> replies.with(replies.ack(request.id()), "decision", decision));
        } else if (request instanceof Request.BreakTie) {
            answer = app.breakTie(session, area).thenApply(decision -> replies.with(replies.ack(request.id()), "decision", decision));
        } else if (request instanceof Request.Deadline deadline) {
            answer = (deadline.in() != null ? app.setDeadlineIn(session, area, deadline.in())
                    : app.setDeadline(session, area, deadline.at()))
                    .thenApply(round -> replies.with(replies.ack(request.id()), "round", round));
        } else {
            answer = app.leave(session, area).thenApply(left -> {
                // Empty when the member had gone already (a retried leave): there is nothing more to hear.
                Place had = connection.leave(left.orElse(null),
                        () -> ByteBuffer.wrap(replies.bytes(left.orElseThrow())).asReadOnlyBuffer());
                moved(session, had, null);
                return replies.ack(request.id());
            });
        }
        return answer.handle((ack, error) -> {
            connection.send(error == null ? replies.write(ack) : replies.error(request.id(), error));
            return null;
        });
    }

    /** Requests a watcher may send too: they read the area and change nothing. */
    private static boolean readsOnly(Request request) {
        return request instanceof Request.Snapshot || request instanceof Request.Members || request instanceof Request.History;
    }

    /**
     * Joins (or resumes in) {@code area}, then follows it from the join's snapshot, or from the
     * client's last sequence number on a resume: the reply goes out with the catch-up, and the
     * area's events after it.
     */
    private CompletionStage<Void> enter(Connection connection, JsonNode id, AreaName area, Username name, long lastSeen) {
        Place next = new Place(area, name);
        connection.hold();
        return session(connection)
                .thenCompose(session -> app.join(session, area, name)
                .whenComplete((joined, error) -> {
                    if (error != null && Replies.unwrap(error) instanceof UnavailableException) {
                        // The join may have gone through unanswered: unless a connection comes for
                        // that member within the grace, it goes again.
                        app.presence().attached(session, area);
                        app.presence().detached(session, area);
                    }
                })
                .thenCompose(joined -> connection.follow(app, next,
                        lastSeen < 0 ? joined.snapshot().seq() : lastSeen,
                        missed -> joinReply(id, joined, missed, lastSeen, connection.takeUntold()),
                        (from, to) -> moved(session, from, to))
                        .whenComplete((there, error) -> {
                            if (error != null || !there) {
                                // Joined, but this connection never got there: the member goes
                                // unless a connection comes back for it.
                                app.presence().attached(session, area);
                                app.presence().detached(session, area);
                            }
                        })))
                .handle((there, error) -> {
                    if (error != null) {
                        connection.send(replies.error(id, error));
                        connection.release();
                    }
                    return null;
                });
    }

    /**
     * The connection's session, or a new one when it has none: a join is the first request that
     * needs one. New sessions are limited per client address by the core ({@code rate-limited}).
     */
    private CompletionStage<SessionId> session(Connection connection) {
        SessionId known = connection.session();
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return app.startSession(connection.client).thenApply(fresh -> {
            connection.issued(fresh);
            return fresh;
        });
    }

    /** Follows {@code area} without joining: from a fresh snapshot, or after the client's sequence number. */
    private CompletionStage<Void> watch(Connection connection, Request.Watch watch) {
        Place next = new Place(watch.area(), null);
        BiConsumer<Place, Place> moved = (from, to) -> moved(connection.session(), from, to);
        connection.hold();
        CompletionStage<Boolean> following = watch.seq() != null
                ? connection.follow(app, next, watch.seq(),
                        missed -> catchUpReply(replies.ack(watch.id()), missed, watch.seq()), moved)
                : app.snapshot(watch.area()).thenCompose(snapshot -> connection.follow(app, next, snapshot.seq(),
                        missed -> snapshotReply(replies.ack(watch.id()), snapshot, missed), moved));
        return following.handle((there, error) -> {
            if (error != null) {
                connection.send(replies.error(watch.id(), error));
                connection.release();
            }
            return null;
        });
    }

    /** The ack of a join or resume; it carries the session token when the server has just issued one. */
    private Reply joinReply(JsonNode id, Joined joined, CatchUp missed, long lastSeen, SessionId issued) {
        ObjectNode ack = replies.ack(id);
        if (issued != null) {
            ack.put("session", issued.value());
        }
        replies.with(ack, "you", joined.you());
        return lastSeen < 0 ? snapshotReply(ack, joined.snapshot(), missed) : catchUpReply(ack, missed, lastSeen);
    }

    /** An ack holding {@code snapshot}, then what happened after it. */
    private Reply snapshotReply(ObjectNode ack, AreaSnapshot snapshot, CatchUp missed) {
        if (missed instanceof CatchUp.Reset reset) {
            return new Reply(List.of(text(replies.with(ack, "snapshot", reset.snapshot()))), reset.snapshot().seq());
        }
        List<ByteBuffer> messages = new ArrayList<>();
        messages.add(text(replies.with(ack, "snapshot", snapshot)));
        long covered = snapshot.seq();
        for (AreaEvent event : ((CatchUp.Replay) missed).events()) {
            messages.add(replies.event(event));
            covered = event.seq();
        }
        return new Reply(messages, covered);
    }

    /** An ack saying how many missed events follow it, or holding a fresh snapshot when they cannot all be given. */
    private Reply catchUpReply(ObjectNode ack, CatchUp missed, long lastSeen) {
        if (missed instanceof CatchUp.Reset reset) {
            return new Reply(List.of(text(replies.with(ack, "snapshot", reset.snapshot()))), reset.snapshot().seq());
        }
        List<AreaEvent> events = ((CatchUp.Replay) missed).events();
        List<ByteBuffer> messages = new ArrayList<>();
        messages.add(text(ack.put("replayed", events.size())));
        long covered = lastSeen;
        for (AreaEvent event : events) {
            messages.add(replies.event(event));
            covered = event.seq();
        }
        return new Reply(messages, covered);
    }

    /** Tells presence that a connection of {@code session} went from {@code from} to {@code to} (either may be null). */
    void moved(SessionId session, Place from, Place to) {
        boolean stays = from != null && to != null && from.member() && to.member() && from.area().equals(to.area());
        if (stays || session == null) {
            return;
        }
        if (from != null && from.member()) {
            app.presence().detached(session, from.area());
        }
        if (to != null && to.member()) {
            app.presence().attached(session, to.area());
        }
    }

    private ByteBuffer text(ObjectNode message) {
        return ByteBuffer.wrap(replies.write(message).getBytes(StandardCharsets.UTF_8));
    }
}
