package com.wheretoeat.redis;

import com.wheretoeat.core.error.NameTakenException;
import com.wheretoeat.core.error.NoTieException;
import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.error.NothingToDecideException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.core.port.AreaStore;
import com.wheretoeat.core.port.NameKeys;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Areas in Redis. Every operation is one Lua script, one round trip: it judges expiry by the
 * caller's {@code now}, announces what expired and settles a deadline that came, applies the rules,
 * assigns sequence numbers, appends each event to the area's capped log and publishes it on the area's
 * channel, all atomically. Answers are decoded and completed on {@code executor}, never on Lettuce's
 * event loop.
 *
 * <p>Names are compared by their {@link NameKeys} key, which only Java computes: a join passes its
 * name's key, and the area keeps an index of its members' keys. A join that finds the index missing
 * (data of a version before it) or built with other name keys is answered with the members' names;
 * their keys are computed here and the join is made again, with them, which builds the index: the one
 * case where an operation takes more than one round trip.
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
    static final LuaScript DECIDE = LuaScript.load("decide.lua", "area-prelude.lua");
    static final LuaScript DEADLINE = LuaScript.load("deadline.lua", "area-prelude.lua");
    static final LuaScript BREAK_TIE = LuaScript.load("break-tie.lua", "area-prelude.lua");
    static final LuaScript HISTORY = LuaScript.load("history.lua", "area-prelude.lua");

    /** How often a join builds the names index before it gives up: another version keeps changing the area. */
    private static final int KEY_ROUNDS = 3;
    /**
     * Names whose keys tell name keys apart: case, compatibility forms, invisible characters, look-alikes
     * of other scripts, sequences, digits and symbols, marks.
     */
    private static final List<String> PROBES = List.of("Ann", "ANN", "\u0410nn", "\uFF21\uFF4E\uFF4E", "An\u200Dn",
            "\uD835\uDC00\uD835\uDC27\uD835\uDC27", "Stra\u00DFe", "\u01C5", "\u0130\u0131 \u03C2", "\u2168 \u210C \uFB01",
            "\u0422om \u0392ob", "Da\u03BDe", "rn m", "Il1| O0", "b0b", "\u0251\u0261", "Zo\u00EB", "\u03B6\u03C9\u03AE",
            "\u674E\u96F7", "\u0623\u062D\u0645\u062F", "\u0928\u092E\u0938\u094D\u0924\u0947", "\uD83C\uDF55 bob");

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final String logSize;
    private final Executor executor;
    private final NameKeys nameKeys;
    private final String nameKeysId;

    RedisAreaStore(RedisClusterAsyncCommands<String, String> redis, RedisSettings settings, Executor executor,
            NameKeys nameKeys) {
        this.redis = redis;
        this.prefix = settings.keyPrefix();
        this.logSize = Integer.toString(settings.logSize());
        this.executor = executor;
        this.nameKeys = nameKeys;
        this.nameKeysId = idOf(nameKeys);
    }

    /**
     * What the area's names index was built with: the class of the name keys (unless it has no stable name,
     * as a lambda's), their {@link NameKeys#dataVersion()}, and a digest of the keys they give some telling
     * names, so that other name keys, or the same with other data, build the index again.
     */
    static String idOf(NameKeys keys) {
        Class<?> type = keys.getClass();
        boolean named = !type.isHidden() && !type.isSynthetic() && !type.isAnonymousClass();
        StringBuilder probe = new StringBuilder(named ? type.getName() : "").append('\n').append(keys.dataVersion());
        for (String name : PROBES) {
            probe.append('\n').append(keys.keyOf(Username.of(name)));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(probe.toString().getBytes(StandardCharsets.UTF_8));
            return (named ? type.getSimpleName() : "keys") + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    @Override
    public CompletionStage<Joined> join(AreaName area, SessionId session, Username name, Instant now, Lifetimes lifetimes) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        String key = nameKeys.keyOf(name);
        return join(area, keys, session, name, now, lifetimes, key, new LinkedHashMap<>(), 1);
    }

    /** One join call with {@code memberKeys} (empty unless the script asked for them); again when it asks. */
    private CompletionStage<Joined> join(AreaName area, AreaKeys keys, SessionId session, Username name, Instant now,
            Lifetimes lifetimes, String key, Map<String, String> memberKeys, int round) {
        List<String> args = new ArrayList<>(List.of(millis(now), session.value(), name.value(), millis(lifetimes.member()),
                keys.channel(), logSize, key, nameKeysId));
        memberKeys.forEach((member, itsKey) -> {
            args.add(member);
            args.add(itsKey);
        });
        return JOIN.run(redis, keys.asArray(), args.toArray(String[]::new)).thenComposeAsync(reply -> {
            switch (status(reply)) {
                case "need-keys" -> {
                    if (round == KEY_ROUNDS) {
                        throw new IllegalStateException("The names index of area " + area + " kept changing while it was"
                                + " built; another version of the app is writing it");
                    }
                    for (Object member : (List<?>) reply.get(1)) {
                        memberKeys.put((String) member, keyOrNone((String) member));
                    }
                    return join(area, keys, session, name, now, lifetimes, key, memberKeys, round + 1);
                }
                case "name-taken" -> throw new NameTakenException(name.value(), (String) reply.get(1));
                default -> {
                    // The member as stored: in a big area it may lie beyond the snapshot's first page.
                    Member you = Wire.member(name.value(), (String) reply.get(1));
                    return CompletableFuture.completedFuture(new Joined(you, Wire.snapshot(keys, area, reply.get(2))));
                }
            }
        }, executor);
    }

    /** The key of a stored member's name, or empty for a name that is no valid name (it is then in no index). */
    private String keyOrNone(String member) {
        try {
            return nameKeys.keyOf(Username.of(member));
        } catch (RuntimeException e) {
            return "";
        }
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
    public CompletionStage<Decision> decide(AreaName area, SessionId session, Instant now, Lifetimes lifetimes) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(DECIDE, keys, reply -> {
            if (status(reply).equals("nothing-to-decide")) {
                throw new NothingToDecideException();
            }
            requireMember(reply);
            return decided(keys, (String) reply.get(1));
        }, millis(now), session.value(), millis(lifetimes.member()), keys.channel(), logSize);
    }

    @Override
    public CompletionStage<Round> setDeadline(AreaName area, SessionId session, Instant deadline, Instant now,
            Lifetimes lifetimes) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(DEADLINE, keys, reply -> {
            requireMember(reply);
            return Wire.round(keys, reply, 1);
        }, millis(now), session.value(), deadline == null ? "" : millis(deadline), millis(lifetimes.member()),
                keys.channel(), logSize);
    }

    @Override
    public CompletionStage<Decision> breakTie(AreaName area, SessionId session, long pick, Instant now, Lifetimes lifetimes) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(BREAK_TIE, keys, reply -> {
            if (status(reply).equals("no-tie")) {
                throw new NoTieException(switch ((String) reply.get(1)) {
                    case "broken" -> "This tie was broken already.";
                    case "one-winner" -> "The last decision is no tie: it has one winner.";
                    default -> "Nothing has been decided here yet, so there is no tie to break.";
                });
            }
            requireMember(reply);
            return decided(keys, (String) reply.get(1));
        }, millis(now), session.value(), Long.toString(pick), millis(lifetimes.member()), keys.channel(), logSize);
    }

    @Override
    public CompletionStage<List<Decision>> history(AreaName area, Instant now) {
        AreaKeys keys = AreaKeys.of(prefix, area);
        return run(HISTORY, keys, reply -> Wire.history(keys, reply));
    }

    /**
     * The decision a change made, as it stored it. One Java cannot read (a venue that the scripts could
     * read but that fails the venue's rules was voted for) is reported; the change happened, but its
     * answer cannot be given.
     */
    private static Decision decided(AreaKeys keys, String json) {
        try {
            return Wire.decision(json);
        } catch (RuntimeException e) {
            Damage.skipped(keys.history(), "0", e.toString());
            throw new IllegalStateException("The decision stored in " + keys.history() + " cannot be read", e);
        }
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
