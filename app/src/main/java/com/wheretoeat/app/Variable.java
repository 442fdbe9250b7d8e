package com.wheretoeat.app;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Every environment variable the app reads, with its default and what it means; {@code --help} prints this table. */
enum Variable {
    PORT("8080", "HTTP port for pages and the JSON API (0 picks a free one)"),
    HOST("0.0.0.0", "address both servers listen on"),
    REDIS_URL("", "unset: embedded in-memory mode; redis://[user:password@]host:port[/db] or rediss://... for many nodes"),
    REDIS_TIMEOUT("2s", "how long a storage call may take before it fails as unavailable"),
    ALLOWED_ORIGINS("", "comma-separated origins whose pages may open live connections at /live, or * for any; empty: only pages of this server's own origin (host and port)"),
    VOTE_LIFETIME("2h", "how long a vote counts (s, m, h, d or ISO-8601 such as PT2H)"),
    MEMBER_LIFETIME("4h", "how long a member stays after their last activity"),
    SESSION_LIFETIME("30d", "how long an unused browser session stays valid"),
    COOKIE_SECURE("false", "true: the session cookie is sent over HTTPS only (set it behind TLS)"),
    VENUE_CATALOG("", "a JSON file with an array of places for search; empty: a few example places"),
    LOG_LEVEL("info", "error, warn, info, debug or trace");

    private final String defaultValue;
    private final String description;

    Variable(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    String defaultValue() {
        return defaultValue;
    }

    String description() {
        return description;
    }

    /** The names of all variables, to clear them from an inherited environment in tests. */
    static Set<String> names() {
        return Arrays.stream(values()).map(Variable::name).collect(Collectors.toUnmodifiableSet());
    }
}
