package com.wheretoeat.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.Vote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * How values look inside Redis. Venues and events are JSON (Jackson here, string concatenation
 * with {@code cjson.encode} for names in the scripts); a member is {@code seq|activeAt|expiresAt|session}
 * and a vote {@code seq|castAt|expiresAt|venueId|venueJson}, under the person's name as hash field.
 * Times are epoch milliseconds.
 */
final class Wire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Wire() {}

    static String venueJson(Venue venue) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", venue.id().value());
        node.put("name", venue.name());
        if (venue.address() != null) {
            node.put("address", venue.address());
        }
        if (venue.location() != null) {
            node.put("lat", venue.location().latitude());
            node.put("lon", venue.location().longitude());
        }
        if (venue.category() != null) {
            node.put("category", venue.category());
        }
        if (venue.url() != null) {
            node.put("url", venue.url());
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A venue could not be written as JSON", e);
        }
    }

    /** A venue as {@link #venueJson} wrote it; throws a runtime exception for anything else. */
    static Venue venue(String json) {
        return venue(tree(json));
    }

    static Venue venue(JsonNode node) {
        Coordinates location = node.has("lat") ? new Coordinates(node.get("lat").asDouble(), node.get("lon").asDouble()) : null;
        return new Venue(VenueId.of(node.get("id").asText()), node.get("name").asText(), text(node, "address"), location,
                text(node, "category"), text(node, "url"));
    }

    static Member member(String name, String value) {
        String[] parts = value.split("\\|", 4);
        return new Member(Username.of(name), Long.parseLong(parts[0]), millis(parts[1]), millis(parts[2]));
    }

    static Vote vote(String voter, String value) {
        String[] parts = value.split("\\|", 5);
        return new Vote(Username.of(voter), venue(tree(parts[4])), Long.parseLong(parts[0]), millis(parts[1]), millis(parts[2]));
    }

    /**
     * A snapshot reply of the scripts: {@code [seq, [name, member, ...], [name, vote, ...], [key, field, ...],
     * member count]}: the first page of members, every live vote, what the script skipped as unreadable,
     * and the count of all live members. An entry the script passed on but that is no valid value here
     * (a venue failing its rules, say) is skipped too; both are reported to {@link Damage}.
     */
    static AreaSnapshot snapshot(AreaKeys keys, AreaName area, Object reply) {
        List<?> parts = (List<?>) reply;
        long seq = (Long) parts.get(0);
        List<Member> members = decodeAll(keys.members(), (List<?>) parts.get(1), Wire::member);
        List<Vote> votes = decodeAll(keys.votes(), (List<?>) parts.get(2), Wire::vote);
        Damage.skipped((List<?>) parts.get(3));
        return AreaSnapshot.of(area, seq, members, count(parts.get(4)), votes);
    }

    /** A page reply of the scripts: {@code [[name, member, ...], member count, more (1 or 0), [key, field, ...]]}. */
    static MemberPage page(AreaKeys keys, Object reply) {
        List<?> parts = (List<?>) reply;
        List<Member> members = decodeAll(keys.members(), (List<?>) parts.get(0), Wire::member);
        Damage.skipped((List<?>) parts.get(3));
        return new MemberPage(members, count(parts.get(1)), (Long) parts.get(2) == 1);
    }

    private static int count(Object reply) {
        return Math.toIntExact((Long) reply);
    }

    private static <T> List<T> decodeAll(String key, List<?> flat, BiFunction<String, String, T> decode) {
        List<T> values = new ArrayList<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            String field = (String) flat.get(i);
            try {
                values.add(decode.apply(field, (String) flat.get(i + 1)));
            } catch (RuntimeException e) {
                Damage.skipped(key, field, e.toString());
            }
        }
        return values;
    }

    /**
     * An event as the scripts publish and log it.
     *
     * <p>Member events logged or published by the version before member counts have no
     * {@code memberCount} (an area that lives across the deploy, a node of that version during a rolling
     * one). The count is unknown then; such an event gets the least count it allows, 1 after a join (the
     * joiner) and 0 after a leave or expiry. Counting low is the safe side: the event is told on its own,
     * never held for a batch, and the next event or snapshot carries the true count.
     */
    static AreaEvent event(AreaName area, String json) {
        JsonNode node = tree(json);
        long seq = node.get("seq").asLong();
        Instant at = Instant.ofEpochMilli(node.get("at").asLong());
        Username name = Username.of(node.get("name").asText());
        String type = node.get("type").asText();
        return switch (type) {
            case "joined" -> new AreaEvent.MemberJoined(area, seq, at, new Member(name, node.get("memberSeq").asLong(),
                    Instant.ofEpochMilli(node.get("activeAt").asLong()), Instant.ofEpochMilli(node.get("expiresAt").asLong())),
                    memberCount(node, 1));
            case "left" -> new AreaEvent.MemberLeft(area, seq, at, name, memberCount(node, 0));
            case "cast" -> new AreaEvent.VoteCast(area, seq, at, voteOf(name, node));
            case "moved" -> new AreaEvent.VoteMoved(area, seq, at, voteOf(name, node), VenueId.of(node.get("from").asText()));
            case "retracted" -> new AreaEvent.VoteRetracted(area, seq, at, name, VenueId.of(node.get("from").asText()));
            case "member-expired" -> new AreaEvent.MemberExpired(area, seq, at, name, memberCount(node, 0));
            case "vote-expired" -> new AreaEvent.VoteExpired(area, seq, at, name, VenueId.of(node.get("from").asText()));
            default -> throw new IllegalArgumentException("Unknown area event type " + type);
        };
    }

    /** The event's member count, or {@code unknown} for an event written before there was one. */
    private static int memberCount(JsonNode event, int unknown) {
        JsonNode count = event.get("memberCount");
        return count == null ? unknown : count.asInt();
    }

    private static Vote voteOf(Username voter, JsonNode node) {
        return new Vote(voter, venue(node.get("venue")), node.get("voteSeq").asLong(),
                Instant.ofEpochMilli(node.get("castAt").asLong()), Instant.ofEpochMilli(node.get("expiresAt").asLong()));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Malformed JSON from Redis", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant millis(String value) {
        return Instant.ofEpochMilli(Long.parseLong(value));
    }
}
