package com.wheretoeat.venues.osm;

import com.wheretoeat.core.model.Coordinates;
import java.time.Duration;
import java.util.Locale;

/**
 * The Overpass QL this provider sends. {@code out center} prints nodes with their coordinates and
 * ways and relations with a centre ({@code out tags} would drop the coordinates of nodes).
 */
final class OverpassQuery {
    /**
     * Places near a point arrive in Overpass's own order, not by distance: all within the radius
     * are fetched, up to this many, to pick the nearest ones from.
     */
    static final int CANDIDATES = 200;

    private OverpassQuery() {}

    static String near(Coordinates point, int radiusMetres, Duration timeout) {
        return header(timeout)
                + "nwr[\"amenity\"~\"^(" + String.join("|", OsmPlaces.EATING.stream().sorted().toList()) + ")$\"][\"name\"]"
                + String.format(Locale.ROOT, "(around:%d,%.6f,%.6f);", radiusMetres, point.latitude(), point.longitude())
                + "out center " + CANDIDATES + ";";
    }

    static String element(OsmPlaces.Element element, Duration timeout) {
        String type = element.type().equals("relation") ? "rel" : element.type();
        return header(timeout) + type + "(" + element.number() + ");out center;";
    }

    private static String header(Duration timeout) {
        // The server's own limit, so a query we no longer wait for does not keep running there.
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        return "[out:json][timeout:" + seconds + "];";
    }
}
