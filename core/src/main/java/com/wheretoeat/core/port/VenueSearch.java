package com.wheretoeat.core.port;

import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueQuery;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Finds places to eat: a provider's search behind the server, so its key never reaches a browser. */
public interface VenueSearch {

    /** Places matching {@code query}, best first, at most {@code query.limit()} of them. */
    CompletionStage<List<Venue>> search(VenueQuery query);

    /**
     * Offers a place someone typed in, so later searches can find it. Providers that cannot keep
     * places ignore it.
     */
    default CompletionStage<Void> remember(Venue custom) {
        return CompletableFuture.completedFuture(null);
    }
}
