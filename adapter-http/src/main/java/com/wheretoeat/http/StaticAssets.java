package com.wheretoeat.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Files under {@code static/} on the class path. Only plain file names of known types are
 * served, so no path (such as {@code ../}) can reach anything else; they may be cached an hour.
 */
final class StaticAssets {
    static final String CACHE_CONTROL = "public, max-age=3600";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*\\.([a-z0-9]+)");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8",
            "woff2", "font/woff2");

    /** A short hash of the named files' bytes: it changes whenever one of them does. */
    static String fingerprint(String... files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String file : files) {
                try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream("static/" + file)) {
                    if (in != null) {
                        digest.update(in.readAllBytes());
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    Optional<Response> serve(String file) {
        var matcher = FILE.matcher(file);
        if (!matcher.matches() || !TYPES.containsKey(matcher.group(2))) {
            return Optional.empty();
        }
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream("static/" + file)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(Response.resource(TYPES.get(matcher.group(2)), in.readAllBytes())
                    .withHeader("Cache-Control", CACHE_CONTROL));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
