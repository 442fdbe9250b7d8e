package com.wheretoeat.redis;

import com.wheretoeat.core.error.NameTakenException;
import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.core.port.AreaStore;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Areas in Redis. Every operation is one Lua script, one round trip: it judges expiry by the
 * caller's {@code now}, announces what expired, applies the rules, assigns sequence numbers,
 * appends each event to the area's capped log and publishes it on the area's channel, all atomically. Answers are decoded
 * and completed on {@code executor}, never on Lettuce's event loop.
 */
public final class RedisAreaStore implements AreaStore {
    static final LuaScript JOIN = LuaScript.load("join.lua", "area-prelude.lua");
    static final LuaScript VOTE = LuaScript.load("vote.lua", "area-prelude.lua");
    static final LuaScript RETRACT = LuaScript.load("retract.lua", "area-prelude.lua");
    static final LuaScript LEAVE = LuaScript.load("leave.lua", "area-prelude.lua");
    static final LuaScript SNAPSHOT = LuaScript.load("snapshot.lua", "area-prelude.lua");
    static final LuaScript MEMBERS = LuaScript.load("members.lua", "area-prelude.lua");
    static final LuaScript MEMBER = LuaScript.load("member.lua", "area-prelude.lua");
    static final LuaScript EXPIRE = LuaScript.load("expire.lua", "area-prelude.lua");

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final String logSize;
    private final Executor executor;

    RedisAreaStore(RedisClusterAsyncCommands<String, String> redis, RedisSettings settings, Executor executor) {
        this.redis = redis;
        this.prefix = settings.keyPrefix();
        this.logSize = Integer.toString(settings.logSize());
        this.executor = executor;
    }

    @Override
    public CompletionStage<Joined> join(AreaName area, SessionId session, Username name, Instant now, Lifetimes lifetimes) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(JOIN, keys, reply -> {
            if (status(reply).equals("name-taken")) {
                throw new NameTakenException(name.value());
            }
            // The member as stored: in a big area it may lie beyond the snapshot's first page.
            Member you = Wire.member(name.value(), (String) reply.get(1));
            return new Joined(you, Wire.snapshot(keys, area, reply.get(2)));
        }, millis(now), session.value(), name.value(), millis(lifetimes.member()), keys.channel(), logSize);
    }

    @Override
    public CompletionStage<Vote> vote(AreaName area, SessionId session, Venue venue, Instant now, Lifetimes lifetimes) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(VOTE, keys, reply -> {
            requireMember(reply);
            return Wire.vote((String) reply.get(1), (String) reply.get(2));
        }, millis(now), session.value(), venue.id().value(), Wire.venueJson(venue), millis(lifetimes.member()),
                millis(lifetimes.vote()), keys.channel(), logSize);
    }

    @Override
    public CompletionStage<Optional<Vote>> retract(AreaName area, SessionId session, Instant now, Lifetimes lifetimes) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(RETRACT, keys, reply -> {
            requireMember(reply);
            Object standing = reply.size() > 2 ? reply.get(2) : null;
            return standing == null ? Optional.<Vote>empty() : readable(keys.votes(), (String) reply.get(1), (String) standing, Wire::vote);
        }, millis(now), session.value(), millis(lifetimes.member()), keys.channel(), logSize);
    }

    @Override
    public CompletionStage<Optional<AreaEvent.MemberLeft>> leave(AreaName area, SessionId session, Instant now) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(LEAVE, keys, reply -> left(area, reply), millis(now), session.value(), keys.channel(), logSize);
    }

    @Override
    public CompletionStage<Optional<AreaEvent.MemberLeft>> leaveIfIdle(AreaName area, SessionId session, Instant idleSince,
            Instant now) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(LEAVE, keys, reply -> left(area, reply), millis(now), session.value(), keys.channel(), logSize,
                millis(idleSince));
    }

    /** What leave.lua answered: the event it made, or nothing (no member, or one active since). */
    private static Optional<AreaEvent.MemberLeft> left(AreaName area, List<Object> reply) {
        return "ok".equals(reply.get(0))
                ? Optional.of((AreaEvent.MemberLeft) Wire.event(area, (String) reply.get(1)))
                : Optional.empty();
    }

    @Override
    public CompletionStage<Optional<Member>> member(AreaName area, SessionId session, Instant now) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(MEMBER, keys, reply -> reply.isEmpty()
                ? Optional.<Member>empty()
                : readable(keys.members(), (String) reply.get(0), (String) reply.get(1), Wire::member), millis(now),
                session.value());
    }

    @Override
    public CompletionStage<AreaSnapshot> snapshot(AreaName area, Instant now) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(SNAPSHOT, keys, reply -> Wire.snapshot(keys, area, reply), millis(now));
    }

    @Override
    public CompletionStage<MemberPage> members(AreaName area, long afterSeq, Instant now) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(MEMBERS, keys, reply -> Wire.page(keys, reply), millis(now), Long.toString(afterSeq));
    }

    @Override
    public CompletionStage<Optional<Instant>> expire(AreaName area, Instant now) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(EXPIRE, keys, reply -> reply.isEmpty()
                ? Optional.<Instant>empty()
                : Optional.of(Instant.ofEpochMilli((Long) reply.get(0))), millis(now), keys.channel(), logSize);
    }

    private <T> CompletionStage<T> run(LuaScript script, AreaKeys keys, Function<List<Object>, T> decode, String... args) {
        return script.run(redis, keys.asArray(), args).thenApplyAsync(decode, executor);
    }

    /**
     * A stored entry the script could read but that is no valid value here (a venue failing its
     * rules, say): reported and answered as none, as a snapshot leaves it out.
     */
    private static <T> Optional<T> readable(String key, String field, String value, BiFunction<String, String, T> decode) {
        try {
            return Optional.of(decode.apply(field, value));
        } catch (RuntimeException e) {
            Damage.skipped(key, field, e.toString());
            return Optional.empty();
        }
    }

    private static String status(List<Object> reply) {
        return (String) reply.get(0);
    }

    private static void requireMember(List<Object> reply) {
        if (status(reply).equals("not-joined")) {
            throw new NotJoinedException();
        }
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
