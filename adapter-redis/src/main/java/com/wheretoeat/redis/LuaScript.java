package com.wheretoeat.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
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
 */
final class LuaScript {
    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
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
        return new LuaScript(body, shebang + (prelude == null ? "" : resource(prelude) + "\n") + text);
    }

    String source() {
        return source;
    }

    /** Runs the script; the reply is a list of strings, longs and nested lists. */
    CompletionStage<List<Object>> run(RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
        CompletableFuture<List<Object>> result = new CompletableFuture<>();
        redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args).whenComplete((reply, error) -> {
            if (error == null) {
                result.complete(reply);
            } else if (isNoScript(error)) {
                redis.<List<Object>>eval(source, ScriptOutputType.MULTI, keys, args).whenComplete((again, failure) -> {
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
        return "LuaScript[" + name + ", " + sha + "]";
    }
}
