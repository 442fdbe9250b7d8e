package com.wheretoeat.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.json.CoreJson;
import com.wheretoeat.json.DeadlinePick;

/**
 * Turns a text message into a {@link Request}, or refuses it with a {@code bad-request} that names
 * the field at fault. Values validate themselves (names, areas, venues), as everywhere else.
 */
final class RequestReader {
    static final int MAX_ID_LENGTH = 64;

    private final ObjectMapper mapper;

    RequestReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A message that could not be turned into a request; {@code id} is null when none could be read. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        final transient JsonNode id;
        final InvalidInputException reason;

        Refused(JsonNode id, InvalidInputException reason) {
            super(reason.getMessage(), null, false, false);
            this.id = id;
            this.reason = reason;
        }
    }

    /** Parses the JSON only; null when the text is not JSON. */
    JsonNode tree(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The request's id if it has a valid one, so that even a refused request can be answered by id. */
    static JsonNode idOf(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return null;
        }
        JsonNode id = tree.get("id");
        if (id == null) {
            return null;
        }
        if (id.isTextual() && !id.asText().isEmpty() && id.asText().length() <= MAX_ID_LENGTH) {
            return id;
        }
        return id.isIntegralNumber() && id.canConvertToLong() ? id : null;
    }

    Request read(JsonNode tree) throws Refused {
        if (tree == null) {
            throw new Refused(null, new InvalidInputException("body",
                    "The message is not valid JSON. Please send a JSON object with a \"type\" and an \"id\"."));
        }
        if (!tree.isObject()) {
            throw new Refused(null, new InvalidInputException("body",
                    "The message must be a JSON object with a \"type\" and an \"id\"."));
        }
        JsonNode id = idOf(tree);
        try {
            if (id == null) {
                throw new InvalidInputException("id", tree.has("id")
                        ? "The id must be a number or a string of 1 to " + MAX_ID_LENGTH + " characters."
                        : "The id is missing: every request needs one, so that its reply can name it.");
            }
            String type = text(tree, "type");
            switch (type) {
                case "join":
                    return new Request.Join(id, AreaName.of(text(tree, "area")), Username.of(text(tree, "name")));
                case "vote":
                    return vote(id, tree.get("venue"));
                case "retract":
                    return new Request.Retract(id);
                case "snapshot":
                    return new Request.Snapshot(id);
                case "members":
                    return new Request.Members(id, tree.hasNonNull("after") ? whole(tree.get("after"), "after") : 0);
                case "leave":
                    return new Request.Leave(id);
                case "decide":
                    return new Request.Decide(id);
                case "deadline":
                    DeadlinePick pick = DeadlinePick.read(tree);
                    return new Request.Deadline(id, pick.at(), pick.in());
                case "break-tie":
                    return new Request.BreakTie(id);
                case "history":
                    return new Request.History(id);
                case "resume":
                    return new Request.Resume(id, AreaName.of(text(tree, "area")), Username.of(text(tree, "name")),
                            seq(tree.get("seq")));
                case "watch":
                    return new Request.Watch(id, AreaName.of(text(tree, "area")),
                            tree.hasNonNull("seq") ? seq(tree.get("seq")) : null);
                default:
                    throw new InvalidInputException("type", "Unknown message type. Expected one of join, vote, "
                            + "retract, snapshot, members, leave, decide, deadline, break-tie, history, resume or watch.");
            }
        } catch (InvalidInputException e) {
            throw new Refused(id, e);
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(field, "The " + field + " is missing.");
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field, "The " + field + " must be a string.");
        }
        return value.asText();
    }

    private static long seq(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new InvalidInputException("seq", "The seq is missing: say the last sequence number you saw, 0 if none.");
        }
        return whole(value, "seq");
    }

    private static long whole(JsonNode value, String field) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new InvalidInputException(field, "The " + field + " must be a whole number of 0 or more.");
        }
        return value.asLong();
    }

    /**
     * A place from a search, by its id alone ({@code {"id": ...}}: whatever else is sent with it is
     * the server's to know), or one typed in ({@code "Noodle Bar"}, or {@code {"name"}} without an
     * id or with a typed place's id).
     */
    private Request.CastVote vote(JsonNode id, JsonNode value) {
        if (value == null || value.isNull()) {
            throw new InvalidInputException("venue", "The venue is missing.");
        }
        if (value.isTextual()) {
            return new Request.CastVote(id, null, Venue.custom(value.asText()));
        }
        if (!value.isObject()) {
            throw new InvalidInputException("venue", "The venue must be a place or the name of one.");
        }
        JsonNode name = value.get("name");
        VenueId listed = null;
        if (value.hasNonNull("id")) {
            if (!value.get("id").isTextual()) {
                throw new InvalidInputException("venue.id", "The venue id must be a string.");
            }
            listed = VenueId.of(value.get("id").asText());
        }
        if (listed != null && !CoreJson.isTypedPick(value)) {
            return new Request.CastVote(id, listed, null);
        }
        if (name == null || !name.isTextual()) {
            throw new InvalidInputException("venue.name", "The venue name is missing.");
        }
        return new Request.CastVote(id, null, Venue.custom(name.asText()));
    }
}
