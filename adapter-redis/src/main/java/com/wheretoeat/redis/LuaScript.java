package com.wheretoeat.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script from the resources, run with EVALSHA. When Redis does not know it (a restart, a
 * failover, SCRIPT FLUSH) the same call is made once with EVAL, which also caches it again, so an
 * operation stays one round trip in the normal case. In that rare case the two commands have a
 * command timeout each, so a failure can take up to twice the timeout to be reported here.
 *
 * <p>A script with the area prelude comes in two variants that differ in one line defining
 * {@code PUBLISH_COMMAND}: {@code PUBLISH} for a single Redis, {@code SPUBLISH} on a cluster
 * connection, so an area's events stay on the shard of its slot there.
 */
final class LuaScript {
    private final String name;
    private final Variant plain;
    private final Variant sharded;

    /** One text of the script and its SHA-1, the name Redis caches it under. */
    private record Variant(String source, String sha) {
        Variant(String source) {
            this(source, sha1(source));
        }
    }

    private LuaScript(String name, String plain, String sharded) {
        this.name = name;
        this.plain = new Variant(plain);
        this.sharded = new Variant(sharded);
    }

    /**
     * The script {@code body}, preceded by the shared {@code prelude} when one is given. A
     * {@code #!lua} line opening the body stays the first line: Redis only reads the script's
     * flags there, and a script with that line is refused as a whole when Redis is out of memory
     * instead of failing at its first write.
     */
    static LuaScript load(String body, String prelude) {
        String text = resource(body);
        String shebang = "";
        if (text.startsWith("#!")) {
            int end = text.indexOf('\n') + 1;
            shebang = text.substring(0, end);
            text = text.substring(end);
        }
        if (prelude == null) {
            return new LuaScript(body, shebang + text, shebang + text);
        }
        String shared = resource(prelude) + "\n" + text;
        return new LuaScript(body, shebang + "local PUBLISH_COMMAND = 'PUBLISH'\n" + shared,
                shebang + "local PUBLISH_COMMAND = 'SPUBLISH'\n" + shared);
    }

    /** The text to load on a single Redis ({@code sharded} false) or on every master of a cluster. */
    String source(boolean sharded) {
        return variant(sharded).source();
    }

    /**
     * Runs the script; the reply is a list of strings, longs and nested lists. On a cluster
     * connection the call goes to the master of the first key's slot and publishes sharded.
     */
    CompletionStage<List<Object>> run(RedisClusterAsyncCommands<String, String> redis, String[] keys, String... args) {
        Variant script = variant(redis instanceof RedisAdvancedClusterAsyncCommands);
        CompletableFuture<List<Object>> result = new CompletableFuture<>();
        redis.<List<Object>>evalsha(script.sha(), ScriptOutputType.MULTI, keys, args).whenComplete((reply, error) -> {
            if (error == null) {
                result.complete(reply);
            } else if (isNoScript(error)) {
                redis.<List<Object>>eval(script.source(), ScriptOutputType.MULTI, keys, args).whenComplete((again, failure) -> {
                    if (failure == null) {
                        result.complete(again);
                    } else {
                        result.completeExceptionally(failure);
                    }
                });
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    private Variant variant(boolean sharded) {
        return sharded ? this.sharded : plain;
    }

    private static boolean isNoScript(Throwable error) {
        return error instanceof RedisNoScriptException
                || (error.getMessage() != null && error.getMessage().startsWith("NOSCRIPT"));
    }

    private static String resource(String file) {
        try (InputStream in = LuaScript.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("Missing script resource " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "LuaScript[" + name + ", " + plain.sha() + "]";
    }
}
