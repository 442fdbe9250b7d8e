package com.wheretoeat.app;

import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.TrustedProxies;
import com.wheretoeat.http.HttpSettings;
import com.wheretoeat.redis.RedisSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns environment variables into {@link Settings}, naming the variable of the first bad value. */
final class EnvironmentReader {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");

    private final Map<String, String> environment;

    EnvironmentReader(Map<String, String> environment) {
        this.environment = environment;
    }

    Settings read() {
        return new Settings(
                port(Variable.PORT),
                text(Variable.HOST),
                optional(Variable.REDIS_URL).map(this::redisUrl),
                positiveDuration(Variable.REDIS_TIMEOUT),
                origins(),
                lifetimes(),
                mapTiles(),
                bool(Variable.COOKIE_SECURE),
                optional(Variable.VENUE_CATALOG).map(this::readableFile),
                venues(),
                limits(),
                logLevel());
    }

    private String text(Variable variable) {
        String value = environment.get(variable.name());
        return value == null || value.isBlank() ? variable.defaultValue() : value.strip();
    }

    private Optional<String> optional(Variable variable) {
        String value = text(variable);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private int port(Variable variable) {
        String value = text(variable);
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the variable's name
        }
        throw new ConfigException(variable, value, "not a port number (0 to 65535)");
    }

    private Duration positiveDuration(Variable variable) {
        String value = text(variable);
        Duration duration = parseDuration(variable, value);
        if (duration.isZero() || duration.isNegative()) {
            throw new ConfigException(variable, value, "must be longer than zero");
        }
        return duration;
    }

    private static Duration parseDuration(Variable variable, String value) {
        Matcher shortForm = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConfigException(variable, value, "not a duration (such as 90s, 15m, 2h, 7d or PT2H)");
        }
    }

    /** Unlike the others, MAP_TILE_URL set but empty is a choice of its own: a map without tiles. */
    private Settings.MapTiles mapTiles() {
        String tiles = environment.containsKey(Variable.MAP_TILE_URL.name()) && environment.get(Variable.MAP_TILE_URL.name()).isBlank()
                ? "" : text(Variable.MAP_TILE_URL);
        String attribution = text(Variable.MAP_ATTRIBUTION);
        // The HTTP adapter owns the rules (the tile host goes into its CSP); this only names the variable.
        try {
            HttpSettings.builder().mapTileUrl(tiles).build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Variable.MAP_TILE_URL, tiles, e.getMessage());
        }
        try {
            HttpSettings.builder().mapAttribution(attribution).build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Variable.MAP_ATTRIBUTION, attribution, e.getMessage());
        }
        return new Settings.MapTiles(tiles.isEmpty() ? Optional.empty() : Optional.of(tiles), attribution);
    }

    private Lifetimes lifetimes() {
        return new Lifetimes(
                positiveDuration(Variable.VOTE_LIFETIME),
                positiveDuration(Variable.MEMBER_LIFETIME),
                positiveDuration(Variable.SESSION_LIFETIME));
    }

    private boolean bool(Variable variable) {
        String value = text(variable).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(variable, value, "must be true or false");
        };
    }

    private URI redisUrl(String value) {
        URI uri = uri(Variable.REDIS_URL, value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (scheme.equals("redis-cluster") || scheme.equals("rediss-cluster")) {
            // Several host:port pairs are no URI host; the adapter's own reading checks each one.
            try {
                RedisSettings.fromUrl(value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(Variable.REDIS_URL, redacted(value), e.getMessage());
            }
            return uri;
        }
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new ConfigException(Variable.REDIS_URL, redacted(value),
                    "must start with redis://, rediss://, redis-cluster:// or rediss-cluster://");
        }
        if (uri.getHost() == null) {
            throw new ConfigException(Variable.REDIS_URL, redacted(value), "names no host");
        }
        return uri;
    }

    private static URI uri(Variable variable, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(variable, variable == Variable.REDIS_URL ? redacted(value) : value,
                    "not a valid URL (" + e.getReason() + ")");
        }
    }

    /** A Redis URL as it may appear in a log line: without its password. */
    static String redacted(String url) {
        return url.replaceAll("//([^/@]*):[^/@]*@", "//$1:***@");
    }

    private List<String> origins() {
        String value = text(Variable.ALLOWED_ORIGINS);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> origins = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (origins.equals(List.of("*"))) {
            return origins;
        }
        for (String origin : origins) {
            URI uri = uri(Variable.ALLOWED_ORIGINS, origin);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!web || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                throw new ConfigException(Variable.ALLOWED_ORIGINS, origin,
                        "an origin is scheme://host[:port] with http or https and no path");
            }
        }
        return origins;
    }

    private Path readableFile(String value) {
        Path path = Path.of(value);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException(Variable.VENUE_CATALOG, value, "no readable file there");
        }
        return path;
    }

    private VenueSettings venues() {
        String name = text(Variable.VENUES).toLowerCase(Locale.ROOT);
        VenueSettings.Provider provider = switch (name) {
            case "osm" -> VenueSettings.Provider.OSM;
            case "foursquare" -> VenueSettings.Provider.FOURSQUARE;
            case "catalog" -> VenueSettings.Provider.CATALOG;
            default -> throw new ConfigException(Variable.VENUES, name, "must be osm, foursquare or catalog");
        };
        Optional<String> key = optional(Variable.FOURSQUARE_API_KEY);
        if (provider == VenueSettings.Provider.FOURSQUARE && key.isEmpty()) {
            throw new ConfigException(Variable.VENUES, name, "needs FOURSQUARE_API_KEY");
        }
        String radius = text(Variable.VENUE_RADIUS);
        int metres;
        try {
            metres = Integer.parseInt(radius);
        } catch (NumberFormatException e) {
            metres = -1;
        }
        if (metres < 50 || metres > 50_000) {
            throw new ConfigException(Variable.VENUE_RADIUS, radius, "must be a whole number of metres from 50 to 50000");
        }
        Duration ttl = parseDuration(Variable.VENUE_CACHE_TTL, text(Variable.VENUE_CACHE_TTL));
        if (ttl.isNegative()) {
            throw new ConfigException(Variable.VENUE_CACHE_TTL, text(Variable.VENUE_CACHE_TTL), "cannot be negative");
        }
        String size = text(Variable.VENUE_CACHE_SIZE);
        long entries;
        try {
            entries = Long.parseLong(size);
        } catch (NumberFormatException e) {
            entries = -1;
        }
        if (entries < 1 || entries > 1_000_000) {
            throw new ConfigException(Variable.VENUE_CACHE_SIZE, size, "must be a whole number from 1 to 1000000");
        }
        Duration timeout = positiveDuration(Variable.VENUE_TIMEOUT);
        if (timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new ConfigException(Variable.VENUE_TIMEOUT, text(Variable.VENUE_TIMEOUT), "must be at most 1 minute");
        }
        return new VenueSettings(provider, key, webUrl(Variable.OVERPASS_URL), webUrl(Variable.NOMINATIM_URL),
                webUrl(Variable.FOURSQUARE_URL), metres, timeout, ttl, entries, text(Variable.VENUE_CONTACT));
    }

    private URI webUrl(Variable variable) {
        String value = text(variable);
        URI uri = uri(variable, value);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigException(variable, value, "must be an http:// or https:// URL without user, query or fragment");
        }
        return uri;
    }

    private Settings.Limits limits() {
        OptionalInt total = optional(Variable.MAX_CONNECTIONS).isEmpty()
                ? OptionalInt.empty() : OptionalInt.of(wholeNumber(Variable.MAX_CONNECTIONS, 1, 10_000_000));
        String proxies = text(Variable.TRUSTED_PROXIES);
        TrustedProxies trusted;
        try {
            trusted = TrustedProxies.parse(proxies);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Variable.TRUSTED_PROXIES, proxies, e.getMessage());
        }
        return new Settings.Limits(total, wholeNumber(Variable.MAX_CONNECTIONS_PER_ADDRESS, 1, 10_000_000),
                wholeNumber(Variable.SESSIONS_PER_ADDRESS_PER_MINUTE, 1, 1_000_000), trusted);
    }

    private int wholeNumber(Variable variable, int min, int max) {
        String value = text(variable);
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            number = Long.MIN_VALUE;
        }
        if (number < min || number > max) {
            throw new ConfigException(variable, value, "must be a whole number from " + min + " to " + max);
        }
        return (int) number;
    }

    private String logLevel() {
        String value = text(Variable.LOG_LEVEL).toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(value)) {
            throw new ConfigException(Variable.LOG_LEVEL, value, "must be one of error, warn, info, debug, trace");
        }
        return value;
    }
}
