package com.wheretoeat.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.error.WhereToEatException;
import com.wheretoeat.core.model.AreaEvent;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Writes the server's messages: hello, acks and errors. Events are the codec's event JSON as they are. */
final class Replies {
    static final int PROTOCOL_VERSION = 1;

    private final ObjectMapper mapper;
    /** The latest events written, by identity; see {@link #event}. */
    private final AtomicReferenceArray<Written> recent = new AtomicReferenceArray<>(1024);

    Replies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The first message. It never carries a session: one is issued only by the first join (see the join ack). */
    String hello() {
        return write(mapper.createObjectNode().put("type", "hello").put("protocol", PROTOCOL_VERSION));
    }

    /** The body of a refused upgrade, shaped like the HTTP side's errors. */
    String refusal(String code, String message) {
        ObjectNode error = mapper.createObjectNode();
        error.putObject("error").put("code", code).put("message", message);
        return write(error);
    }

    /** An ack for request {@code id}, to which the caller adds the answer's fields. */
    ObjectNode ack(JsonNode id) {
        ObjectNode ack = mapper.createObjectNode().put("type", "ack");
        ack.set("id", id);
        return ack;
    }

    ObjectNode with(ObjectNode node, String field, Object value) {
        node.set(field, mapper.valueToTree(value));
        return node;
    }

    String error(JsonNode id, ErrorCode code, String message) {
        return write(errorNode(id, code, message));
    }

    /** The error reply for a failed operation: its code and sentence, or {@code unavailable} for a surprise. */
    String error(JsonNode id, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WhereToEatException expected) {
            ObjectNode error = errorNode(id, expected.code(), expected.getMessage());
            if (expected instanceof InvalidInputException invalid) {
                error.put("field", invalid.field());
            }
            return write(error);
        }
        return error(id, ErrorCode.UNAVAILABLE, "Something went wrong on our side. Please try again.");
    }

    private ObjectNode errorNode(JsonNode id, ErrorCode code, String message) {
        ObjectNode error = mapper.createObjectNode().put("type", "error");
        if (id != null) {
            error.set("id", id);
        }
        return error.put("code", code.code()).put("message", message);
    }

    /**
     * An event's bytes, written once however many connections of this node follow its area: every
     * follower of an area is handed the same event object, so a small cache by identity finds it.
     * A collision only means writing it again.
     */
    ByteBuffer event(AreaEvent event) {
        int slot = Math.floorMod(System.identityHashCode(event), recent.length());
        Written cached = recent.get(slot);
        if (cached != null && cached.event() == event) {
            return cached.bytes().duplicate();
        }
        ByteBuffer bytes = ByteBuffer.wrap(bytes(event)).asReadOnlyBuffer();
        recent.set(slot, new Written(event, bytes));
        return bytes.duplicate();
    }

    private record Written(AreaEvent event, ByteBuffer bytes) {}

    /** A push that tells every client of the area to start again from {@code snapshot}. */
    byte[] reset(AreaSnapshot snapshot) {
        ObjectNode reset = mapper.createObjectNode().put("type", "reset")
                .put("area", snapshot.area().value()).put("seq", snapshot.seq());
        return bytes(with(reset, "snapshot", snapshot));
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
