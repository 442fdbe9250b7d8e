package com.wheretoeat.redis;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where Redis is and how to talk to it: built from a URL such as {@code redis://host:6379/0},
 * {@code rediss://user:password@host:6380} (TLS) or, for a Redis Cluster, {@code
 * redis-cluster://host:7000,host:7001} (a few masters to learn the cluster from), plus a key
 * prefix, the command timeout and the length of each area's event log. A bad URL is refused at
 * once with the problem named.
 */
public record RedisSettings(List<RedisURI> nodes, boolean cluster, String keyPrefix, Duration commandTimeout, int logSize) {
    public static final String DEFAULT_PREFIX = "wte";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_LOG_SIZE = 256;

    public RedisSettings {
        if (nodes == null || nodes.isEmpty() || (!cluster && nodes.size() != 1)) {
            throw new IllegalArgumentException("A single Redis needs one address, a cluster at least one, was " + nodes);
        }
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
        // Copies: RedisURI is mutable, and the with*() copies of these settings share it.
        nodes = nodes.stream().map(uri -> RedisURI.builder(uri).withTimeout(commandTimeout).build()).toList();
    }

    /**
     * Settings for {@code redis://[user:password@]host:port[/db]}, {@code rediss://...} or
     * {@code redis-cluster://[user:password@]host:port[,host:port...]} ({@code rediss-cluster://}
     * with TLS) with the default prefix, timeout and log size.
     *
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    public static RedisSettings fromUrl(String url) {
        if (url != null && url.strip().toLowerCase(Locale.ROOT).matches("rediss?-cluster:.*")) {
            return new RedisSettings(parseCluster(url), true, DEFAULT_PREFIX, DEFAULT_TIMEOUT, DEFAULT_LOG_SIZE);
        }
        return new RedisSettings(List.of(parse(url)), false, DEFAULT_PREFIX, DEFAULT_TIMEOUT, DEFAULT_LOG_SIZE);
    }

    /** The address of a single Redis, or the first address a cluster client tries. */
    public RedisURI uri() {
        return nodes.get(0);
    }

    public RedisSettings withKeyPrefix(String prefix) {
        return new RedisSettings(nodes, cluster, prefix, commandTimeout, logSize);
    }

    public RedisSettings withCommandTimeout(Duration timeout) {
        return new RedisSettings(nodes, cluster, keyPrefix, timeout, logSize);
    }

    public RedisSettings withLogSize(int size) {
        return new RedisSettings(nodes, cluster, keyPrefix, commandTimeout, size);
    }

    /**
     * Each address of a cluster URL is read as a single-node URL with the same credentials and
     * TLS, so the same checks apply; a cluster has only database 0.
     */
    private static List<RedisURI> parseCluster(String url) {
        String rest = url.strip().substring(url.strip().indexOf(':') + 1);
        if (!rest.startsWith("//")) {
            throw invalid(url, "the scheme must be followed by //");
        }
        rest = rest.substring(2);
        int end = rest.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(stop);
            end = at < 0 ? end : Math.min(end, at);
        }
        String authority = rest.substring(0, end);
        String tail = rest.substring(end);
        if (!tail.isEmpty() && !tail.equals("/") && !tail.equals("/0")) {
            throw invalid(url, "a cluster has only database 0; nothing may follow the addresses");
        }
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
        String scheme = url.strip().toLowerCase(Locale.ROOT).startsWith("rediss") ? "rediss://" : "redis://";
        List<RedisURI> nodes = new ArrayList<>();
        for (String address : authority.substring(at + 1).split(",", -1)) {
            if (address.isBlank()) {
                throw invalid(url, "an address between the commas is missing");
            }
            nodes.add(parse(scheme + userInfo + address.strip(), url));
        }
        return List.copyOf(nodes);
    }

    private static RedisURI parse(String url) {
        return parse(url, url);
    }

    /** Parses {@code url}; problems are reported against {@code shown}, the URL as the user wrote it. */
    private static RedisURI parse(String url, String shown) {
        if (url == null || url.isBlank()) {
            throw invalid(shown, "it is empty");
        }
        URI parsed;
        try {
            parsed = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(shown, "it is not a URL (" + e.getReason() + ")");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw invalid(shown, "the scheme must be redis:// or rediss:// (TLS)");
        }
        if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
            throw invalid(shown, "the host is missing");
        }
        // The host and port only: a password has colons of its own.
        String hostPort = parsed.getRawAuthority() == null ? "" : parsed.getRawAuthority().replaceFirst(".*@", "");
        if (parsed.getPort() == -1 && hostPort.matches(".*:[^\\]]*$") && !hostPort.endsWith(":")) {
            throw invalid(shown, "the port is not a number");
        }
        int port = parsed.getPort() == -1 ? RedisURI.DEFAULT_REDIS_PORT : parsed.getPort();
        if (port < 1 || port > 65535) {
            throw invalid(shown, "the port must be from 1 to 65535");
        }
        int database = 0;
        String path = parsed.getPath() == null ? "" : parsed.getPath();
        if (!path.isEmpty() && !path.equals("/")) {
            String db = path.substring(1);
            if (!db.matches("\\d{1,5}")) {
                throw invalid(shown, "the database after the host must be a number such as /0");
            }
            database = Integer.parseInt(db);
        }
        if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw invalid(shown, "query parameters and fragments are not supported");
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
                + ". Expected redis://[user:password@]host:port[/db], rediss://... for TLS, or"
                + " redis-cluster://[user:password@]host:port[,host:port...] for a Redis Cluster.");
    }

    private static String redacted(String url) {
        if (url == null) {
            return "";
        }
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    @Override
    public String toString() {
        String scheme = (uri().isSsl() ? "rediss" : "redis") + (cluster ? "-cluster://" : "://");
        String addresses = nodes.stream().map(uri -> uri.getHost() + ":" + uri.getPort()).collect(Collectors.joining(","));
        return "RedisSettings[" + scheme + addresses + (cluster ? "" : "/" + uri().getDatabase()) + ", prefix=" + keyPrefix + ", timeout=" + commandTimeout + ", logSize=" + logSize + "]";
    }
}
