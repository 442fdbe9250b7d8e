package com.wheretoeat.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Files under {@code static/} on the class path, and Leaflet's from its WebJar. Only plain file
 * names of known types are served, so no path (such as {@code ../}) can reach anything else. Our
 * own files may be cached an hour (pages link them with a fingerprint); Leaflet's path names its
 * version, so its files never change under it and may be cached a year.
 */
final class StaticAssets {
    static final String CACHE_CONTROL = "public, max-age=3600";
    static final String VERSIONED_CACHE_CONTROL = "public, max-age=31536000, immutable";
    /** The Leaflet version in the jar, as the WebJar names it. */
    static final String LEAFLET_VERSION = webJarVersion("org.webjars.npm", "leaflet");
    /** Where pages find Leaflet: its version in the path, its images beside it as its stylesheet expects. */
    static final String LEAFLET_PATH = "/static/leaflet/" + LEAFLET_VERSION;
    private static final String LEAFLET_FILES = "META-INF/resources/webjars/leaflet/" + LEAFLET_VERSION + "/dist/";
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
        return load("static/", file, CACHE_CONTROL);
    }

    /** A file of Leaflet's {@code dist/} ({@code folder} empty) or {@code dist/images/}, of the version in the jar only. */
    Optional<Response> serveLeaflet(String version, String folder, String file) {
        if (!version.equals(LEAFLET_VERSION) || !(folder.isEmpty() || folder.equals("images/"))) {
            return Optional.empty();
        }
        return load(LEAFLET_FILES + folder, file, VERSIONED_CACHE_CONTROL);
    }

    private static Optional<Response> load(String folder, String file, String cacheControl) {
        var matcher = FILE.matcher(file);
        if (!matcher.matches() || !TYPES.containsKey(matcher.group(2))) {
            return Optional.empty();
        }
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(folder + file)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(Response.resource(TYPES.get(matcher.group(2)), in.readAllBytes())
                    .withHeader("Cache-Control", cacheControl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String webJarVersion(String group, String artifact) {
        String file = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("The WebJar " + group + ":" + artifact + " is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
