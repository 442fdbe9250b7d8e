package com.wheretoeat.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import java.time.Duration;
import java.time.Instant;

/** One client request, read and validated; {@code id} is echoed in the reply as the client sent it. */
sealed interface Request {
    JsonNode id();

    /** Join {@code area} as {@code name}; moves the connection when it was in another area. */
    record Join(JsonNode id, AreaName area, Username name) implements Request {}

    /** Cast or move this connection's vote: for a place known by its id ({@code listed}), or one {@code typed} in. */
    record CastVote(JsonNode id, VenueId listed, Venue typed) implements Request {}

    /** Take this connection's vote back. */
    record Retract(JsonNode id) implements Request {}

    /** The current state of this connection's area. */
    record Snapshot(JsonNode id) implements Request {}

    /** The next page of this connection's area's members, after the member numbered {@code after}. */
    record Members(JsonNode id, long after) implements Request {}

    /** Close the round of this connection's area. */
    record Decide(JsonNode id) implements Request {}

    /** Set the round's deadline {@code at} an instant or {@code in} a duration from now, or clear it (both null). */
    record Deadline(JsonNode id, Instant at, Duration in) implements Request {}

    /** Break the latest decision's tie by a draw. */
    record BreakTie(JsonNode id) implements Request {}

    /** The area's latest decisions. */
    record History(JsonNode id) implements Request {}

    /** Leave this connection's area. */
    record Leave(JsonNode id) implements Request {}

    /** Join again after a reconnect and receive what happened after sequence number {@code seq}. */
    record Resume(JsonNode id, AreaName area, Username name, long seq) implements Request {}

    /**
     * Follow {@code area} without joining it; after {@code seq} when given (a reconnect), else from
     * a snapshot. Moves the connection when it was in another area.
     */
    record Watch(JsonNode id, AreaName area, Long seq) implements Request {}
}
