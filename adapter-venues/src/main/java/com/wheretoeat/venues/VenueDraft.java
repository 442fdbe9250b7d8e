package com.wheretoeat.venues;

import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A place as a provider describes it, made into a {@link Venue} leniently: a detail that breaks
 * the venue's rules (a {@code javascript:} website, an address too long) is left out, and a place
 * without a usable id or name is skipped, so one odd entry never sinks a whole answer.
 */
public final class VenueDraft {
    private Venue venue;

    private VenueDraft(Venue venue) {
        this.venue = venue;
    }

    /** A draft of the place, or empty when its id or name is unusable. */
    public static Optional<VenueDraft> of(String id, String name) {
        try {
            return Optional.of(new VenueDraft(Venue.listed(VenueId.of(id), name)));
        } catch (InvalidInputException | NullPointerException e) {
            return Optional.empty();
        }
    }

    public VenueDraft address(String address) {
        return keep(v -> v.withAddress(address));
    }

    public VenueDraft category(String category) {
        return keep(v -> v.withCategory(category));
    }

    public VenueDraft url(String url) {
        return keep(v -> v.withUrl(url));
    }

    /** The position, when both numbers are given and on Earth. */
    public VenueDraft location(Double latitude, Double longitude) {
        if (latitude == null || longitude == null) {
            return this;
        }
        return keep(v -> v.withLocation(new Coordinates(latitude, longitude)));
    }

    public Venue venue() {
        return venue;
    }

    private VenueDraft keep(UnaryOperator<Venue> change) {
        try {
            venue = change.apply(venue);
        } catch (InvalidInputException e) {
            // The detail is dropped; the place stays.
        }
        return this;
    }
}
