package com.wheretoeat.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a search in an area found: the places, best first (the area's own typed places that match,
 * then the provider's); the centre of the area's map, if it has one; and whether live results were
 * unavailable, so these come from the fallback catalog and the area alone.
 */
public record VenueResults(List<Venue> venues, Optional<Coordinates> centre, boolean liveUnavailable) {
    public VenueResults {
        venues = List.copyOf(venues);
        Objects.requireNonNull(centre, "centre");
    }
}
