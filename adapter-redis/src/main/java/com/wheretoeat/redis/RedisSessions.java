package com.wheretoeat.redis;

import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.port.Sessions;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Sessions in Redis: one key per session holding its expiry (by the caller's clock), with a
 * matching PEXPIREAT so Redis forgets idle ones. Each call is one command or one script.
 */
public final class RedisSessions implements Sessions {
    static final LuaScript TOUCH = LuaScript.load("session-touch.lua", null);

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;
    private final Executor executor;
    private final SecureRandom random = new SecureRandom();

    RedisSessions(RedisAsyncCommands<String, String> redis, RedisSettings settings, Executor executor) {
        this.redis = redis;
        this.prefix = settings.keyPrefix() + ":session:";
        this.executor = executor;
    }

    @Override
    public CompletionStage<SessionId> create(Instant now, Duration lifetime) {
        SessionId id = SessionId.random(random);
        long expiresAt = now.plus(lifetime).toEpochMilli();
        return redis.set(prefix + id.value(), Long.toString(expiresAt), SetArgs.Builder.nx().pxAt(expiresAt))
                .thenComposeAsync(ok -> ok == null
                        ? create(now, lifetime) // a 256-bit collision: draw again rather than share a session
                        : CompletableFuture.completedFuture(id), executor);
    }

    @Override
    public CompletionStage<Boolean> touch(SessionId session, Instant now, Duration lifetime) {
        return TOUCH.run(redis, new String[] {prefix + session.value()}, Long.toString(now.toEpochMilli()),
                        Long.toString(lifetime.toMillis()))
                .thenApplyAsync(reply -> Long.valueOf(1).equals(reply.get(0)), executor);
    }

    @Override
    public CompletionStage<Void> end(SessionId session) {
        return redis.del(prefix + session.value()).thenApplyAsync(deleted -> null, executor);
    }
}
