package com.wheretoeat.core.port;

import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Finds places to eat: a provider's search behind the server, so its key never reaches a browser.
 * A provider's answer is the server's word on a place: clients name a listed place by its id only.
 * A failure (an outage, a refusal, no answer in time) completes the stage exceptionally; the core
 * then answers from its fallback and says that live results are unavailable.
 */
public interface VenueSearch {

    /** Places matching {@code query}, best first, at most {@code query.limit()} of them. */
    CompletionStage<List<Venue>> search(VenueQuery query);

    /**
     * The place this provider knows by {@code id}, or empty when it has none by that id (an id of
     * another provider included). Used when a vote names a place the area has not listed lately.
     */
    default CompletionStage<Optional<Venue>> lookup(VenueId id) {
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
