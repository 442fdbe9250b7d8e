package com.wheretoeat.venues.foursquare;

import com.wheretoeat.venues.Endpoints;
import com.wheretoeat.venues.UserAgent;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how {@link FoursquareVenueSearch} asks Foursquare's Places API: the base URL, the
 * service API key (sent only as {@code Authorization: Bearer}, and shown nowhere: {@link #toString()}
 * redacts it), the dated API version, the radius of a search near a point, the time a call may
 * take, how this server names itself, and at most how many calls a second it makes.
 */
public record FoursquareSettings(URI baseUrl, String apiKey, String apiVersion, int radiusMetres, Duration timeout,
                                 UserAgent userAgent, double perSecond) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://places-api.foursquare.com");
    /** The version the documentation's examples name; a newer date may change the answers' form. */
    public static final String DEFAULT_API_VERSION = "2025-06-17";
    public static final int DEFAULT_RADIUS_METRES = 1000;
    /** The Place Search endpoint's own maximum. */
    public static final int MAX_RADIUS_METRES = 100_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final double DEFAULT_PER_SECOND = 10;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,512}");

    public FoursquareSettings {
        baseUrl = Endpoints.base("Foursquare URL", baseUrl);
        if (apiKey == null || !KEY.matcher(apiKey).matches()) {
            // Never quote the key: it may be a real one with a stray character.
            throw new IllegalArgumentException("The Foursquare API key is missing or has spaces or control characters.");
        }
        if (apiVersion == null || !DATE.matcher(apiVersion).matches()) {
            throw new IllegalArgumentException("The Foursquare API version must be a date like " + DEFAULT_API_VERSION + ".");
        }
        if (radiusMetres < 1 || radiusMetres > MAX_RADIUS_METRES) {
            throw new IllegalArgumentException("The search radius must be from 1 to " + MAX_RADIUS_METRES + " metres.");
        }
        if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("The Foursquare timeout must be from 1 ms to 1 minute.");
        }
        Objects.requireNonNull(userAgent, "userAgent");
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("The Foursquare rate must be a positive number of calls a second.");
        }
    }

    /** The defaults with {@code apiKey}, which has none. */
    public static Builder builder(String apiKey) {
        return new Builder(apiKey);
    }

    public Builder mutate() {
        Builder builder = new Builder(apiKey);
        builder.baseUrl = baseUrl;
        builder.apiVersion = apiVersion;
        builder.radiusMetres = radiusMetres;
        builder.timeout = timeout;
        builder.userAgent = userAgent;
        builder.perSecond = perSecond;
        return builder;
    }

    @Override
    public String toString() {
        return "FoursquareSettings[baseUrl=" + baseUrl + ", apiKey=(redacted), apiVersion=" + apiVersion
                + ", radiusMetres=" + radiusMetres + ", timeout=" + timeout + ", userAgent=" + userAgent
                + ", perSecond=" + perSecond + "]";
    }

    /** Collects the settings; {@link #build()} checks them. Its {@code toString} does not show the key either. */
    public static final class Builder {
        private URI baseUrl = DEFAULT_BASE_URL;
        private final String apiKey;
        private String apiVersion = DEFAULT_API_VERSION;
        private int radiusMetres = DEFAULT_RADIUS_METRES;
        private Duration timeout = DEFAULT_TIMEOUT;
        private UserAgent userAgent = UserAgent.of(null);
        private double perSecond = DEFAULT_PER_SECOND;

        private Builder(String apiKey) {
            this.apiKey = apiKey;
        }

        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        public Builder radiusMetres(int radiusMetres) {
            this.radiusMetres = radiusMetres;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder userAgent(UserAgent userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** Shorthand for a user agent of this build with {@code contact} (a URL or an e-mail address). */
        public Builder contact(String contact) {
            this.userAgent = UserAgent.of(contact);
            return this;
        }

        public Builder perSecond(double perSecond) {
            this.perSecond = perSecond;
            return this;
        }

        public FoursquareSettings build() {
            return new FoursquareSettings(baseUrl, apiKey, apiVersion, radiusMetres, timeout, userAgent, perSecond);
        }
    }
}
