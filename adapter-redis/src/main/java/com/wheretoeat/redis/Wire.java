package com.wheretoeat.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.Tally;
import com.wheretoeat.core.model.TallyEntry;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.Vote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * How values look inside Redis. Venues, decisions and events are JSON (Jackson here, string concatenation
 * with {@code cjson.encode} for names in the scripts); a member is {@code seq|activeAt|expiresAt|session}
 * and a vote {@code seq|castAt|expiresAt|venueId|venueJson}, under the person's name as hash field.
 * Times are epoch milliseconds.
 *
 * <p>A decision is {@code {"round":3,"at":ms,"by":"Ann","tally":[{"venue":{...},"voters":["Ann","Bob"]},...],
 * "drawn":"venue id","drawnBy":"Bob"}}: {@code by} is absent when the deadline decided, {@code drawn} and
 * {@code drawnBy} until a tie is broken; the tally lines come ranked, and the winners are the lines with
 * the most voters. It is read strictly: anything else is refused with a runtime exception, so the caller
 * skips and reports it. Fields it does not know are ignored, for a later version's sake.
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

    /** A decision as the scripts write it (see the class comment); throws a runtime exception for anything else. */
    static Decision decision(String json) {
        return decision(tree(json));
    }

    static Decision decision(JsonNode node) {
        require(node != null && node.isObject(), "a decision is an object");
        long round = integral(node, "round");
        Instant at = Instant.ofEpochMilli(integral(node, "at"));
        Username by = optionalName(node, "by");
        JsonNode lines = node.get("tally");
        require(lines != null && lines.isArray() && !lines.isEmpty(), "a decision has a tally of at least one line");
        List<TallyEntry> ranking = new ArrayList<>();
        for (JsonNode line : lines) {
            require(line.isObject(), "a tally line is an object");
            JsonNode venue = line.get("venue");
            require(venue != null && venue.isObject() && venue.path("id").isTextual() && venue.path("name").isTextual(),
                    "a tally line names its venue");
            JsonNode voters = line.get("voters");
            require(voters != null && voters.isArray() && !voters.isEmpty(), "a tally line has voters");
            List<Username> names = new ArrayList<>();
            for (JsonNode voter : voters) {
                require(voter.isTextual(), "a voter is a name");
                names.add(Username.of(voter.asText()));
            }
            require(ranking.isEmpty() || ranking.get(ranking.size() - 1).votes() >= names.size(), "the tally is ranked");
            ranking.add(new TallyEntry(venue(venue), names.size(), names));
        }
        int most = ranking.get(0).votes();
        List<Venue> winners = ranking.stream().filter(e -> e.votes() == most).map(TallyEntry::venue).toList();
        Venue drawn = null;
        if (node.hasNonNull("drawn")) {
            require(node.get("drawn").isTextual(), "the place drawn is a venue id");
            String id = node.get("drawn").asText();
            drawn = winners.stream().filter(w -> w.id().value().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("The place drawn is not among the winners"));
        }
        return new Decision(round, at, by, new Tally(ranking), winners, winners.size() > 1, drawn, optionalName(node, "drawnBy"));
    }

    /**
     * The round parts of a script's reply from {@code from} on: {@code [number, deadline or nil, who set it or nil,
     * latest decision JSON or nil]}. A latest decision or a deadline setter that cannot be read is reported and
     * left out (no latest decision; no deadline), so the area is still answered.
     */
    static Round round(AreaKeys keys, List<?> parts, int from) {
        long number = (Long) parts.get(from);
        Instant deadline = null;
        Username by = null;
        if (parts.get(from + 1) != null) {
            try {
                by = Username.of((String) parts.get(from + 2));
                deadline = Instant.ofEpochMilli((Long) parts.get(from + 1));
            } catch (RuntimeException e) {
                Damage.skipped(keys.meta(), "deadline-by", e.toString());
                by = null;
            }
        }
        Decision latest = null;
        if (parts.get(from + 3) != null) {
            try {
                latest = decision((String) parts.get(from + 3));
            } catch (RuntimeException e) {
                Damage.skipped(keys.history(), "0", e.toString());
            }
        }
        return new Round(number, deadline, by, latest);
    }

    /** The history as stored, newest first; an entry that cannot be read is reported (by its index) and left out. */
    static List<Decision> history(AreaKeys keys, List<?> stored) {
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            try {
                decisions.add(decision((String) stored.get(i)));
            } catch (RuntimeException e) {
                Damage.skipped(keys.history(), Integer.toString(i), e.toString());
            }
        }
        return List.copyOf(decisions);
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
     * member count, round...]}: the first page of members, every live vote, what the script skipped as unreadable,
     * the count of all live members, and the {@link #round round}. An entry the script passed on but that is no valid value here
     * (a venue failing its rules, say) is skipped too; both are reported to {@link Damage}.
     */
    static AreaSnapshot snapshot(AreaKeys keys, AreaName area, Object reply) {
        List<?> parts = (List<?>) reply;
        long seq = (Long) parts.get(0);
        List<Member> members = decodeAll(keys.members(), (List<?>) parts.get(1), Wire::member);
        List<Vote> votes = decodeAll(keys.votes(), (List<?>) parts.get(2), Wire::vote);
        Damage.skipped((List<?>) parts.get(3));
        return AreaSnapshot.of(area, seq, members, count(parts.get(4)), votes, round(keys, parts, 5));
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
        String type = node.get("type").asText();
        switch (type) {
            case "round-decided":
                return new AreaEvent.RoundDecided(area, seq, at, decision(node.get("decision")));
            case "tie-broken":
                return new AreaEvent.TieBroken(area, seq, at, decision(node.get("decision")));
            case "deadline-set":
                return new AreaEvent.DeadlineSet(area, seq, at,
                        node.hasNonNull("deadline") ? Instant.ofEpochMilli(integral(node, "deadline")) : null,
                        optionalName(node, "name"));
            default:
                break;
        }
        Username name = Username.of(node.get("name").asText());
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

    private static long integral(JsonNode node, String field) {
        JsonNode value = node.get(field);
        require(value != null && value.isIntegralNumber() && value.canConvertToLong(), field + " is a whole number");
        long number = value.asLong();
        require(number >= 0, field + " is not negative");
        return number;
    }

    private static Username optionalName(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        require(value.isTextual(), field + " is a name");
        return Username.of(value.asText());
    }

    private static void require(boolean condition, String rule) {
        if (!condition) {
            throw new IllegalArgumentException("Not as the scripts write it: " + rule);
        }
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
