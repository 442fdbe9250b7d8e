package com.wheretoeat.redis;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where Redis is and how to talk to it: built from a URL such as {@code redis://host:6379/0} or
 * {@code rediss://user:password@host:6380} (TLS), plus a key prefix, the command timeout and the
 * length of each area's event log. A bad URL is refused at once with the problem named.
 */
public record RedisSettings(RedisURI uri, String keyPrefix, Duration commandTimeout, int logSize) {
    public static final String DEFAULT_PREFIX = "wte";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_LOG_SIZE = 256;

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        if (keyPrefix == null || keyPrefix.isEmpty() || !keyPrefix.matches("[A-Za-z0-9_.:-]+") || keyPrefix.contains("{")) {
            throw new IllegalArgumentException(
                    "The Redis key prefix must be letters, digits or . _ : - only, was \"" + keyPrefix + "\"");
        }
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.isZero() || commandTimeout.isNegative()) {
            throw new IllegalArgumentException("The Redis command timeout must be positive, was " + commandTimeout);
        }
        if (logSize < 1) {
            throw new IllegalArgumentException("The event log size must be at least 1, was " + logSize);
        }
        // A copy: RedisURI is mutable, and the with*() copies of these settings share it.
        uri = RedisURI.builder(uri).withTimeout(commandTimeout).build();
    }

    /**
     * Settings for {@code redis://[user:password@]host:port[/db]} or {@code rediss://...} with the
     * default prefix, timeout and log size.
     *
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    public static RedisSettings fromUrl(String url) {
        return new RedisSettings(parse(url), DEFAULT_PREFIX, DEFAULT_TIMEOUT, DEFAULT_LOG_SIZE);
    }

    public RedisSettings withKeyPrefix(String prefix) {
        return new RedisSettings(uri, prefix, commandTimeout, logSize);
    }

    public RedisSettings withCommandTimeout(Duration timeout) {
        return new RedisSettings(uri, keyPrefix, timeout, logSize);
    }

    public RedisSettings withLogSize(int size) {
        return new RedisSettings(uri, keyPrefix, commandTimeout, size);
    }

    private static RedisURI parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid(url, "it is empty");
        }
        URI parsed;
        try {
            parsed = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(url, "it is not a URL (" + e.getReason() + ")");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw invalid(url, "the scheme must be redis:// or rediss:// (TLS)");
        }
        if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
            throw invalid(url, "the host is missing");
        }
        if (parsed.getRawAuthority() != null && parsed.getPort() == -1 && parsed.getRawAuthority().matches(".*:[^\\]]*$")
                && !parsed.getRawAuthority().endsWith(":")) {
            throw invalid(url, "the port is not a number");
        }
        int port = parsed.getPort() == -1 ? RedisURI.DEFAULT_REDIS_PORT : parsed.getPort();
        if (port < 1 || port > 65535) {
            throw invalid(url, "the port must be from 1 to 65535");
        }
        int database = 0;
        String path = parsed.getPath() == null ? "" : parsed.getPath();
        if (!path.isEmpty() && !path.equals("/")) {
            String db = path.substring(1);
            if (!db.matches("\\d{1,5}")) {
                throw invalid(url, "the database after the host must be a number such as /0");
            }
            database = Integer.parseInt(db);
        }
        if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw invalid(url, "query parameters and fragments are not supported");
        }
        RedisURI.Builder builder = RedisURI.builder().withHost(parsed.getHost()).withPort(port)
                .withDatabase(database).withSsl(scheme.equals("rediss"));
        String userInfo = parsed.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                builder.withPassword(userInfo.toCharArray());
            } else if (colon == 0) {
                builder.withPassword(userInfo.substring(1).toCharArray());
            } else {
                builder.withAuthentication(userInfo.substring(0, colon), userInfo.substring(colon + 1).toCharArray());
            }
        }
        return builder.build();
    }

    /** The message names the problem but never repeats a password the URL may hold. */
    private static IllegalArgumentException invalid(String url, String problem) {
        return new IllegalArgumentException("Invalid Redis URL \"" + redacted(url) + "\": " + problem
                + ". Expected redis://[user:password@]host:port[/db] or rediss://... for TLS.");
    }

    private static String redacted(String url) {
        if (url == null) {
            return "";
        }
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    @Override
    public String toString() {
        return "RedisSettings[" + (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/"
                + uri.getDatabase() + ", prefix=" + keyPrefix + ", timeout=" + commandTimeout + ", logSize=" + logSize + "]";
    }
}
