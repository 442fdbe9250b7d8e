package com.wheretoeat.redis;

import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.port.Sessions;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Sessions in Redis: one key per session holding its expiry (by the caller's clock), which alone
 * decides whether the session is live. The key is set with {@code PXAT} that expiry plus
 * {@link #RECLAIM_MARGIN}, so Redis forgets idle sessions without ever cutting a live one short
 * when the caller's clock is behind Redis'. Each call is one command or one script.
 */
public final class RedisSessions implements Sessions {
    static final LuaScript TOUCH = LuaScript.load("session-touch.lua", null);
    /** How long after its expiry Redis reclaims a session key; the same as the areas' margin in area-prelude.lua. */
    static final Duration RECLAIM_MARGIN = Duration.ofDays(1);

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final Executor executor;
    private final SecureRandom random = new SecureRandom();

    RedisSessions(RedisClusterAsyncCommands<String, String> redis, RedisSettings settings, Executor executor) {
        this.redis = redis;
        this.prefix = settings.keyPrefix() + ":session:";
        this.executor = executor;
    }

    @Override
    public CompletionStage<SessionId> create(Instant now, Duration lifetime) {
        SessionId id = SessionId.random(random);
        long expiresAt = now.plus(lifetime).toEpochMilli();
        long reclaimAt = expiresAt + RECLAIM_MARGIN.toMillis();
        return redis.set(prefix + id.value(), Long.toString(expiresAt), SetArgs.Builder.nx().pxAt(reclaimAt))
                .thenComposeAsync(ok -> ok == null
                        ? create(now, lifetime) // a 256-bit collision: draw again rather than share a session
                        : CompletableFuture.completedFuture(id), executor);
    }

    @Override
    public CompletionStage<Boolean> touch(SessionId session, Instant now, Duration lifetime) {
        return TOUCH.run(redis, new String[] {prefix + session.value()}, Long.toString(now.toEpochMilli()),
                        Long.toString(lifetime.toMillis()), Long.toString(RECLAIM_MARGIN.toMillis()))
                .thenApplyAsync(reply -> {
                    if (reply.size() > 1) {
                        // The id is a credential: the log names the session by its first characters only.
                        Damage.skipped(prefix + session.value().substring(0, Math.min(6, session.value().length())) + "…",
                                "(value)", "not an expiry in epoch ms; the session was forgotten");
                    }
                    return Long.valueOf(1).equals(reply.get(0));
                }, executor);
    }

    @Override
    public CompletionStage<Void> end(SessionId session) {
        return redis.del(prefix + session.value()).thenApplyAsync(deleted -> null, executor);
    }
}
