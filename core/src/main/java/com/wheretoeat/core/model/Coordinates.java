package com.wheretoeat.core.model;

import com.wheretoeat.core.error.InvalidInputException;

/** A point on Earth in decimal degrees (WGS 84). */
public record Coordinates(double latitude, double longitude) {
    public Coordinates {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new InvalidInputException("lat", "The latitude must be a number from -90 to 90.");
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new InvalidInputException("lon", "The longitude must be a number from -180 to 180.");
        }
    }

    /** Great-circle distance in metres, for ranking nearby places. */
    public double metresTo(Coordinates other) {
        double earthRadius = 6_371_000;
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLon = Math.toRadians(other.longitude - longitude);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(other.latitude))
                        * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * earthRadius * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
