package com.wheretoeat.venues.osm;

import com.wheretoeat.venues.Endpoints;
import com.wheretoeat.venues.UserAgent;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link OsmVenueSearch} asks OpenStreetMap: the Overpass and Nominatim base URLs,
 * the radius of a search near a point, the time a call may take, how this server names itself,
 * and at most how many calls a second each service gets (Nominatim's usage policy allows one).
 */
public record OsmSettings(URI overpassUrl, URI nominatimUrl, int radiusMetres, Duration timeout,
                          UserAgent userAgent, double overpassPerSecond, double nominatimPerSecond) {
    public static final URI DEFAULT_OVERPASS_URL = URI.create("https://overpass-api.de/api");
    public static final URI DEFAULT_NOMINATIM_URL = URI.create("https://nominatim.openstreetmap.org");
    public static final int DEFAULT_RADIUS_METRES = 1000;
    public static final int MAX_RADIUS_METRES = 50_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final double DEFAULT_OVERPASS_PER_SECOND = 2;
    public static final double DEFAULT_NOMINATIM_PER_SECOND = 1;

    public OsmSettings {
        overpassUrl = Endpoints.base("Overpass URL", overpassUrl);
        nominatimUrl = Endpoints.base("Nominatim URL", nominatimUrl);
        if (radiusMetres < 1 || radiusMetres > MAX_RADIUS_METRES) {
            throw new IllegalArgumentException("The search radius must be from 1 to " + MAX_RADIUS_METRES + " metres.");
        }
        if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("The OpenStreetMap timeout must be from 1 ms to 1 minute.");
        }
        Objects.requireNonNull(userAgent, "userAgent");
        if (!(overpassPerSecond > 0) || !(nominatimPerSecond > 0)
                || Double.isInfinite(overpassPerSecond) || Double.isInfinite(nominatimPerSecond)) {
            throw new IllegalArgumentException("The OpenStreetMap rates must be positive numbers of calls a second.");
        }
    }

    public static OsmSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder(new OsmSettings(DEFAULT_OVERPASS_URL, DEFAULT_NOMINATIM_URL, DEFAULT_RADIUS_METRES,
                DEFAULT_TIMEOUT, UserAgent.of(null), DEFAULT_OVERPASS_PER_SECOND, DEFAULT_NOMINATIM_PER_SECOND));
    }

    public Builder mutate() {
        return new Builder(this);
    }

    /** Collects the settings, starting from the defaults or from others; {@link #build()} checks them. */
    public static final class Builder {
        private URI overpassUrl;
        private URI nominatimUrl;
        private int radiusMetres;
        private Duration timeout;
        private UserAgent userAgent;
        private double overpassPerSecond;
        private double nominatimPerSecond;

        private Builder(OsmSettings from) {
            overpassUrl = from.overpassUrl;
            nominatimUrl = from.nominatimUrl;
            radiusMetres = from.radiusMetres;
            timeout = from.timeout;
            userAgent = from.userAgent;
            overpassPerSecond = from.overpassPerSecond;
            nominatimPerSecond = from.nominatimPerSecond;
        }

        public Builder overpassUrl(URI overpassUrl) {
            this.overpassUrl = overpassUrl;
            return this;
        }

        public Builder nominatimUrl(URI nominatimUrl) {
            this.nominatimUrl = nominatimUrl;
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

        public Builder overpassPerSecond(double overpassPerSecond) {
            this.overpassPerSecond = overpassPerSecond;
            return this;
        }

        public Builder nominatimPerSecond(double nominatimPerSecond) {
            this.nominatimPerSecond = nominatimPerSecond;
            return this;
        }

        public OsmSettings build() {
            return new OsmSettings(overpassUrl, nominatimUrl, radiusMetres, timeout, userAgent,
                    overpassPerSecond, nominatimPerSecond);
        }
    }
}
