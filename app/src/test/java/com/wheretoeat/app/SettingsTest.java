package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    @Test
    void anEmptyEnvironmentGivesTheDocumentedDefaults() {
        Settings settings = Settings.fromEnvironment(Map.of());

        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.redisMode()).isFalse();
        assertThat(settings.redisTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.allowedOrigins()).isEmpty();
        assertThat(settings.lifetimes().vote()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.lifetimes().member()).isEqualTo(Duration.ofHours(4));
        assertThat(settings.lifetimes().session()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.cookieSecure()).isFalse();
        assertThat(settings.venueCatalog()).isEmpty();
        assertThat(settings.logLevel()).isEqualTo("info");
        assertThat(settings.venues().provider()).isEqualTo(VenueSettings.Provider.OSM);
        assertThat(settings.venues().radiusMetres()).isEqualTo(1000);
        assertThat(settings.venues().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.venues().cacheTtl()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void foursquareNeedsItsKeyAndNeverShowsIt() {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("VENUES", "foursquare")))
                .isInstanceOf(ConfigException.class).hasMessage("VENUES='foursquare': needs FOURSQUARE_API_KEY");

        Settings settings = Settings.fromEnvironment(Map.of("VENUES", "FourSquare", "FOURSQUARE_API_KEY", "fsq-secret-42",
                "FOURSQUARE_URL", "http://127.0.0.1:9/", "VENUE_RADIUS", "250", "VENUE_CACHE_TTL", "0s"));

        assertThat(settings.venues().provider()).isEqualTo(VenueSettings.Provider.FOURSQUARE);
        assertThat(settings.venues().foursquareKey()).contains("fsq-secret-42");
        assertThat(settings.venues().radiusMetres()).isEqualTo(250);
        assertThat(settings.toString()).doesNotContain("fsq-secret-42");
    }

    @Test
    void theMapUsesOpenStreetMapsTilesWithTheirCreditUnlessToldOtherwise() {
        Settings.MapTiles tiles = Settings.fromEnvironment(Map.of()).mapTiles();
        Settings.MapTiles custom = Settings.fromEnvironment(Map.of("MAP_TILE_URL", "http://127.0.0.1:9999/t/{z}/{x}/{y}.png",
                "MAP_ATTRIBUTION", "Our tiles")).mapTiles();

        assertThat(tiles.tileUrl()).contains("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
        assertThat(tiles.attribution()).isEqualTo("[© OpenStreetMap contributors](https://www.openstreetmap.org/copyright)");
        assertThat(custom.tileUrl()).contains("http://127.0.0.1:9999/t/{z}/{x}/{y}.png");
        assertThat(custom.attribution()).isEqualTo("Our tiles");
    }

    @Test
    void anEmptyTileUrlMeansAMapWithoutTiles() {
        assertThat(Settings.fromEnvironment(Map.of("MAP_TILE_URL", "")).mapTiles().tileUrl()).isEmpty();
        assertThat(Settings.fromEnvironment(Map.of("MAP_TILE_URL", " ")).mapTiles().tileUrl()).isEmpty();
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(Settings.fromEnvironment(Map.of("PORT", "  ", "REDIS_URL", "")).httpPort()).isEqualTo(8080);
    }

    @Test
    void everyVariableIsRead(@TempDir Path dir) throws Exception {
        Path catalog = Files.writeString(dir.resolve("places.json"), "[]");

        Settings settings = Settings.fromEnvironment(Map.ofEntries(
                Map.entry("PORT", "9000"), Map.entry("HOST", "127.0.0.1"),
                Map.entry("REDIS_URL", "redis://user:secret@redis.internal:6380/2"), Map.entry("REDIS_TIMEOUT", "500ms"),
                Map.entry("ALLOWED_ORIGINS", "https://lunch.example.org, http://localhost:9000"),
                Map.entry("VOTE_LIFETIME", "90m"), Map.entry("MEMBER_LIFETIME", "PT3H"), Map.entry("SESSION_LIFETIME", "7d"),
                Map.entry("COOKIE_SECURE", "true"), Map.entry("VENUE_CATALOG", catalog.toString()),
                Map.entry("LOG_LEVEL", "DEBUG")));

        assertThat(settings.httpPort()).isEqualTo(9000);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.redisUrl()).map(Object::toString).contains("redis://user:secret@redis.internal:6380/2");
        assertThat(settings.redisTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.allowedOrigins()).containsExactly("https://lunch.example.org", "http://localhost:9000");
        assertThat(settings.lifetimes().vote()).isEqualTo(Duration.ofMinutes(90));
        assertThat(settings.lifetimes().member()).isEqualTo(Duration.ofHours(3));
        assertThat(settings.lifetimes().session()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.cookieSecure()).isTrue();
        assertThat(settings.venueCatalog()).contains(catalog);
        assertThat(settings.logLevel()).isEqualTo("debug");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PORT|eighty|PORT='eighty': not a port number (0 to 65535)",
        "PORT|70000|PORT='70000': not a port number (0 to 65535)",
        "PORT|-1|PORT='-1': not a port number (0 to 65535)",
        "VOTE_LIFETIME|-2h|VOTE_LIFETIME='-2h': not a duration (such as 90s, 15m, 2h, 7d or PT2H)",
        "MEMBER_LIFETIME|PT-4H|MEMBER_LIFETIME='PT-4H': must be longer than zero",
        "SESSION_LIFETIME|0s|SESSION_LIFETIME='0s': must be longer than zero",
        "REDIS_URL|http://localhost:6379|REDIS_URL='http://localhost:6379': must start with redis://, rediss://, redis-cluster:// or rediss-cluster://",
        "REDIS_URL|redis://:hunter2@|REDIS_URL='redis://:***@': names no host",
        "REDIS_URL|redis://local host|REDIS_URL='redis://local host': not a valid URL (Illegal character in authority)",
        "ALLOWED_ORIGINS|https://ok.example, lunch.example|ALLOWED_ORIGINS='lunch.example': an origin is scheme://host[:port] with http or https and no path",
        "ALLOWED_ORIGINS|https://ok.example/path|ALLOWED_ORIGINS='https://ok.example/path': an origin is scheme://host[:port] with http or https and no path",
        "COOKIE_SECURE|maybe|COOKIE_SECURE='maybe': must be true or false",
        "VENUE_CATALOG|/no/such/file.json|VENUE_CATALOG='/no/such/file.json': no readable file there",
        "LOG_LEVEL|loud|LOG_LEVEL='loud': must be one of error, warn, info, debug, trace",
        "MAP_TILE_URL|https://{s}.tile.example.org/{z}/{x}/{y}.png|MAP_TILE_URL='https://{s}.tile.example.org/{z}/{x}/{y}.png': The map tile URL must start with http(s)://host/ (one host, no {s})",
        "MAP_TILE_URL|https://tiles.example.org/{z}.png|MAP_TILE_URL='https://tiles.example.org/{z}.png': The map tile URL must contain {z}, {x} and {y}",
        "MAP_ATTRIBUTION|[x](javascript:void)|MAP_ATTRIBUTION='[x](javascript:void)': A link in the map attribution must be an http(s) address: javascript:void",
        "VENUES|yelp|VENUES='yelp': must be osm, foursquare or catalog",
        "VENUE_RADIUS|5km|VENUE_RADIUS='5km': must be a whole number of metres from 50 to 50000",
        "VENUE_RADIUS|10|VENUE_RADIUS='10': must be a whole number of metres from 50 to 50000",
        "VENUE_TIMEOUT|0s|VENUE_TIMEOUT='0s': must be longer than zero",
        "VENUE_CACHE_SIZE|0|VENUE_CACHE_SIZE='0': must be a whole number from 1 to 1000000",
        "OVERPASS_URL|ftp://overpass.example|OVERPASS_URL='ftp://overpass.example': must be an http:// or https:// URL without user, query or fragment",
        "NOMINATIM_URL|https://n.example/?x=1|NOMINATIM_URL='https://n.example/?x=1': must be an http:// or https:// URL without user, query or fragment",
        "VENUE_TIMEOUT|2m|VENUE_TIMEOUT='2m': must be at most 1 minute"
    })
    void anInvalidValueStopsTheStartNamingTheVariableAndTheProblem(String variable, String value, String message) {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void aStarAllowsEveryOriginWhenAskedForAlone() {
        assertThat(Settings.fromEnvironment(Map.of("ALLOWED_ORIGINS", "*")).allowedOrigins()).containsExactly("*");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("ALLOWED_ORIGINS", "*, https://ok.example")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void aRedisClusterIsNamedByAFewOfItsMasters() {
        Settings settings = Settings.fromEnvironment(Map.of("REDIS_URL", "redis-cluster://lunch:s3cret@10.0.0.1:7000,10.0.0.2:7000"));

        assertThat(settings.redisMode()).isTrue();
        assertThat(settings.redisUrl()).map(Object::toString).contains("redis-cluster://lunch:s3cret@10.0.0.1:7000,10.0.0.2:7000");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("REDIS_URL", "redis-cluster://u:hunter2@10.0.0.1:7000,,10.0.0.2:7000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("REDIS_URL='redis-cluster://u:***@10.0.0.1:7000,,10.0.0.2:7000': ")
                .hasMessageContaining("an address between the commas is missing")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aRedisPasswordNeverAppearsInAnError() {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("REDIS_URL", "redis://u:hunter2@")))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void helpListsEveryVariableWithItsDefault() {
        String help = Help.text();

        for (Variable variable : Variable.values()) {
            assertThat(help).contains(variable.name());
        }
        assertThat(help).contains("  PORT  (default 8080)\n      HTTP port", "  REDIS_URL  (default (unset))\n");
    }
}
