package com.wheretoeat.core.port;

import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The places an area knows, shared by every node: those its searches listed (with the details the
 * provider gave, which are the server's word on them) and those its members typed in; and the
 * centre of its map. Each place lives until the time it was last kept with; an area keeps at most
 * {@link #MAX_PLACES}, dropping those that expire soonest, so searching and typing cannot grow it
 * without bound. Expiry is judged by the caller's {@code now}. Specified by the contract suite in
 * core's test-jar.
 */
public interface AreaPlaces {
    int MAX_PLACES = 500;

    /**
     * Keeps {@code places} in the area until {@code until}: a place kept before under the same id is
     * replaced, and lives until the later of its two times.
     */
    CompletionStage<Void> keep(AreaName area, List<Venue> places, Instant now, Instant until);

    /** The area's place with this id, unless it is unknown or expired at {@code now}. */
    CompletionStage<Optional<Venue>> find(AreaName area, VenueId id, Instant now);

    /** Every place of the area live at {@code now}, the latest to expire first. */
    CompletionStage<List<Venue>> all(AreaName area, Instant now);

    /**
     * The centre of the area's map. When it has none live at {@code now}, {@code proposal} becomes it
     * (unless null); either way the centre then lives at least until {@code until}. Answers the centre
     * that holds, empty when there is none.
     */
    CompletionStage<Optional<Coordinates>> centre(AreaName area, Coordinates proposal, Instant now, Instant until);
}
