package com.wheretoeat.app;

import com.wheretoeat.http.HttpSettings;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Every environment variable the app reads, with its default and what it means; {@code --help} prints this table. */
enum Variable {
    PORT("8080", "HTTP port for pages and the JSON API (0 picks a free one)"),
    HOST("0.0.0.0", "address both servers listen on"),
    REDIS_URL("", "unset: embedded in-memory mode; redis://[user:password@]host:port[/db] or rediss://... (TLS) for many nodes on one Redis; redis-cluster://[user:password@]host:port,host:port... (or rediss-cluster://) for a Redis Cluster"),
    REDIS_TIMEOUT("2s", "how long a storage call may take before it fails as unavailable"),
    ALLOWED_ORIGINS("", "comma-separated origins whose pages may open live connections at /live, or * for any; empty: only pages of this server's own origin (host and port)"),
    VOTE_LIFETIME("2h", "how long a vote counts (s, m, h, d or ISO-8601 such as PT2H)"),
    MEMBER_LIFETIME("4h", "how long a member stays after their last activity"),
    SESSION_LIFETIME("30d", "how long an unused browser session stays valid"),
    COOKIE_SECURE("false", "true: the session cookie is sent over HTTPS only (set it behind TLS)"),
    MAP_TILE_URL(HttpSettings.DEFAULT_MAP_TILE_URL, "the map's tiles, http(s)://one-host/...{z}/{x}/{y}...; set but empty: a map without tiles"),
    MAP_ATTRIBUTION(HttpSettings.DEFAULT_MAP_ATTRIBUTION, "the credit the tiles require: text, links as [text](https://...)"),
    VENUE_CATALOG("", "a JSON file with an array of places for search; empty: a few example places"),
    VENUES("osm", "where places come from: osm (OpenStreetMap, no key), foursquare (needs FOURSQUARE_API_KEY) or catalog (VENUE_CATALOG only, offline); osm and foursquare fall back to the catalog when they fail"),
    FOURSQUARE_API_KEY("", "the Foursquare Places API key (a service key), for VENUES=foursquare; never shown in pages, answers or logs"),
    OVERPASS_URL("https://overpass-api.de/api", "base URL of the Overpass API (places near a point, for VENUES=osm)"),
    NOMINATIM_URL("https://nominatim.openstreetmap.org", "base URL of Nominatim (search by name, for VENUES=osm)"),
    FOURSQUARE_URL("https://places-api.foursquare.com", "base URL of the Foursquare Places API"),
    VENUE_RADIUS("1000", "how far around a point to search, in metres (50 to 50000)"),
    VENUE_TIMEOUT("3s", "how long a provider may take before the search answers from the catalog"),
    VENUE_CACHE_TTL("10m", "how long a provider's answer is reused for the same search (0s: no cache)"),
    VENUE_CACHE_SIZE("10000", "how many provider answers the cache holds at most"),
    VENUE_CONTACT("", "a URL or e-mail address of whoever runs this server, put in the User-Agent as OpenStreetMap's usage policy asks (set it for real use)"),
    MAX_CONNECTIONS("", "live connections this node holds at most; unset: the file-descriptor limit less a tenth (at least 256) kept for files, Redis and HTTP, with a warning at start when that is under 1000"),
    MAX_CONNECTIONS_PER_ADDRESS("500", "live connections one client address may hold; more are refused (429 too-many-connections)"),
    SESSIONS_PER_ADDRESS_PER_MINUTE("120", "new sessions (first joins) one client address may start a minute; more are refused (429 rate-limited)"),
    TRUSTED_PROXIES("", "comma-separated IP addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client; unset: the client is the connection's peer"),
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
