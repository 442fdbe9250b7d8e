package com.wheretoeat.redis;

import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.port.AreaPlaces;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * An area's places and map centre in Redis, under the area's hash tag: a hash of venue JSON by id
 * with a sorted set of the time each lives until, and a small hash for the centre. Each operation
 * is one Lua script, one round trip; expiry is judged by the caller's {@code now}. A stored place
 * that no longer reads as a venue is skipped, never failing the whole answer. Answers are decoded
 * on {@code executor}, never on Lettuce's event loop.
 */
public final class RedisAreaPlaces implements AreaPlaces {
    static final LuaScript KEEP = LuaScript.load("places-keep.lua", null);
    static final LuaScript FIND = LuaScript.load("places-find.lua", null);
    static final LuaScript ALL = LuaScript.load("places-all.lua", null);
    static final LuaScript CENTRE = LuaScript.load("centre.lua", null);

    private static final System.Logger LOG = System.getLogger(RedisAreaPlaces.class.getName());
    private static final String MARGIN = Long.toString(RedisSessions.RECLAIM_MARGIN.toMillis());

    private record Stored(Venue venue, long until) {}

    private static final Comparator<Stored> LATEST_FIRST = Comparator.comparingLong(Stored::until).reversed()
            .thenComparing(stored -> stored.venue().id().value());

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final Executor executor;

    RedisAreaPlaces(RedisClusterAsyncCommands<String, String> redis, RedisSettings settings, Executor executor) {
        this.redis = redis;
        this.prefix = settings.keyPrefix();
        this.executor = executor;
    }

    @Override
    public CompletionStage<Void> keep(AreaName area, List<Venue> places, Instant now, Instant until) {
        List<String> args = new ArrayList<>(List.of(millis(now), millis(until), MARGIN, Integer.toString(MAX_PLACES)));
        for (Venue place : places) {
            args.add(place.id().value());
            args.add(Wire.venueJson(place));
        }
        return KEEP.run(redis, AreaKeys.of(prefix, area).placesArray(), args.toArray(String[]::new))
                .thenApplyAsync(reply -> null, executor);
    }

    @Override
    public CompletionStage<Optional<Venue>> find(AreaName area, VenueId id, Instant now) {
        return FIND.run(redis, AreaKeys.of(prefix, area).placesArray(), millis(now), id.value())
                .thenApplyAsync(reply -> reply.isEmpty()
                        ? Optional.<Venue>empty()
                        : decode(area, id.value(), (String) reply.get(0)), executor);
    }

    @Override
    public CompletionStage<List<Venue>> all(AreaName area, Instant now) {
        return ALL.run(redis, AreaKeys.of(prefix, area).placesArray(), millis(now)).thenApplyAsync(reply -> {
            List<Stored> live = new ArrayList<>();
            for (int i = 0; i + 2 < reply.size(); i += 3) {
                long until = (Long) reply.get(i + 1);
                decode(area, (String) reply.get(i), (String) reply.get(i + 2))
                        .ifPresent(venue -> live.add(new Stored(venue, until)));
            }
            live.sort(LATEST_FIRST);
            return live.stream().map(Stored::venue).toList();
        }, executor);
    }

    @Override
    public CompletionStage<Optional<Coordinates>> centre(AreaName area, Coordinates proposal, Instant now, Instant until) {
        String[] keys = {AreaKeys.of(prefix, area).centre()};
        CompletionStage<List<Object>> reply = proposal == null
                ? CENTRE.run(redis, keys, millis(now), millis(until), MARGIN)
                : CENTRE.run(redis, keys, millis(now), millis(until), MARGIN, Double.toString(proposal.latitude()),
                        Double.toString(proposal.longitude()));
        return reply.thenApplyAsync(held -> held.isEmpty() ? Optional.<Coordinates>empty() : centre(area, held), executor);
    }

    /** The venue stored under {@code id}, or empty (reported once) when it is damaged. */
    private Optional<Venue> decode(AreaName area, String id, String json) {
        try {
            Venue venue = Wire.venue(json);
            if (!venue.id().value().equals(id)) {
                throw new IllegalArgumentException("The stored venue has the id " + venue.id());
            }
            return Optional.of(venue);
        } catch (RuntimeException e) {
            Damage.skipped(AreaKeys.of(prefix, area).places(), id, e.toString());
            return Optional.empty();
        }
    }

    private static Optional<Coordinates> centre(AreaName area, List<Object> held) {
        try {
            return Optional.of(new Coordinates(Double.parseDouble((String) held.get(0)), Double.parseDouble((String) held.get(1))));
        } catch (RuntimeException e) {
            // The script already treats a centre it cannot read as none; this is what Java reads differently.
            LOG.log(Level.DEBUG, () -> "Skipped a damaged centre of area " + area, e);
            return Optional.empty();
        }
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
