package com.wheretoeat.core.service;

import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.model.VenueResults;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.core.port.AreaPlaces;
import com.wheretoeat.core.port.Clock;
import com.wheretoeat.core.port.VenueSearch;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The rules for places in an area: what a search there offers, and which place a vote is for.
 * The server's word on a listed place is what its provider said; a client names it by id only.
 */
final class AreaVenues {
    private static final System.Logger LOG = System.getLogger(AreaVenues.class.getName());
    private static final String VOTE_FAILED = "Something went wrong when adding your vote! Please try again.";

    private final AreaPlaces places;
    private final VenueSearch provider;
    private final VenueSearch fallback;
    private final Guard guard;
    private final Clock clock;
    private final Lifetimes lifetimes;
    private final Duration providerTimeout;

    AreaVenues(AreaPlaces places, VenueSearch provider, VenueSearch fallback, Guard guard, Clock clock,
            Lifetimes lifetimes, Duration providerTimeout) {
        this.places = places;
        this.provider = provider;
        this.fallback = fallback;
        this.guard = guard;
        this.clock = clock;
        this.lifetimes = lifetimes;
        this.providerTimeout = providerTimeout;
    }

    /**
     * Searches near the query's point, or else near the area's centre (the first point searched
     * there becomes it, so everyone sees one neighbourhood). The area's typed places that match
     * come first, then the provider's places, which the area keeps so that votes can name them.
     */
    CompletionStage<VenueResults> search(AreaName area, VenueQuery query) {
        Instant now = clock.now();
        String failure = "Something went wrong when searching for places. Please try again.";
        return guard.call(failure, () -> places.centre(area, query.near(), now, now.plus(lifetimes.member())))
                .thenCompose(centre -> {
                    Coordinates near = query.near() != null ? query.near() : centre.orElse(null);
                    VenueQuery around = new VenueQuery(near, query.text(), query.limit());
                    CompletableFuture<List<Venue>> typed = guard.call(failure, () -> places.all(area, now));
                    return live(around).thenCombine(typed, (found, own) -> found.merge(own, around))
                            .thenCompose(found -> guard.call(failure, () -> places.keep(area,
                                            found.listed, now, now.plus(lifetimes.vote())))
                                    .thenApply(kept -> new VenueResults(found.all, centre, found.liveUnavailable)));
                });
    }

    /**
     * The place a typed name stands for: the area's listed place of the same name (ignoring case,
     * accents and spaces) when there is one, else a typed place of that name and nothing more.
     */
    CompletionStage<Resolved> typed(AreaName area, String name) {
        Venue typed = Venue.custom(name);
        String key = Venue.nameKey(typed.name());
        return guard.call(VOTE_FAILED, () -> places.all(area, clock.now())).thenApply(known -> known.stream()
                .filter(place -> !place.id().isCustom() && Venue.nameKey(place.name()).equals(key))
                .findFirst().map(listed -> new Resolved(listed, false)).orElseGet(() -> new Resolved(typed, true)));
    }

    /**
     * The place an id stands for: one the area listed or someone typed there, else one the provider
     * knows; an id neither knows is refused.
     */
    CompletionStage<Resolved> listed(AreaName area, VenueId id) {
        return guard.call(VOTE_FAILED, () -> places.find(area, id, clock.now())).thenCompose(known -> known
                .<CompletionStage<Resolved>>map(place -> CompletableFuture.completedFuture(new Resolved(place, id.isCustom())))
                .orElseGet(() -> id.isCustom() ? CompletableFuture.failedFuture(notListed())
                        : lookup(id).thenApply(place -> new Resolved(place, true))));
    }

    /**
     * Keeps the place a vote went to for as long as the vote lives, when the area would not know it
     * otherwise: a typed place (only the area can name it), or one the provider had to look up. A
     * place the area listed needs no call: should its listing lapse, the provider can look it up.
     */
    CompletionStage<Vote> keepVoted(AreaName area, Resolved place, Vote vote) {
        if (!place.keep()) {
            return CompletableFuture.completedFuture(vote);
        }
        return guard.call(VOTE_FAILED, () -> places.keep(area, List.of(vote.venue()), clock.now(), vote.expiresAt()))
                .thenApply(kept -> vote);
    }

    /** The place a vote is for, and whether the area must keep it as long as the vote (see {@link #keepVoted}). */
    record Resolved(Venue venue, boolean keep) {}

    private CompletionStage<Venue> lookup(VenueId id) {
        return bounded(provider.lookup(id)).thenCompose(found -> found.isPresent() || fallback == null
                        ? CompletableFuture.completedFuture(found)
                        : bounded(fallback.lookup(id)))
                .thenApply(found -> found.orElseThrow(AreaVenues::notListed));
    }

    private static InvalidInputException notListed() {
        return new InvalidInputException("venue.id",
                "This place was not offered here lately. Search again and pick it from the list.");
    }

    /** The provider's places, or the fallback's when it fails: a provider's outage never stops a search. */
    private CompletableFuture<Found> live(VenueQuery query) {
        return bounded(provider.search(query)).thenApply(found -> new Found(found, false))
                .exceptionallyCompose(error -> {
                    LOG.log(Level.WARNING, "The place search failed (" + Guard.unwrap(error) + "); answering from the fallback");
                    if (fallback == null) {
                        return CompletableFuture.completedFuture(new Found(List.of(), true));
                    }
                    return bounded(fallback.search(query)).thenApply(found -> new Found(found, true))
                            .exceptionally(also -> new Found(List.of(), true));
                });
    }

    private <T> CompletableFuture<T> bounded(CompletionStage<T> call) {
        return call.toCompletableFuture().copy().orTimeout(providerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A provider's answer, then merged with the area's typed places. */
    private static final class Found {
        final List<Venue> listed;
        final boolean liveUnavailable;
        List<Venue> all = List.of();

        Found(List<Venue> listed, boolean liveUnavailable) {
            this.listed = listed.stream().filter(venue -> !venue.id().isCustom()).toList();
            this.liveUnavailable = liveUnavailable;
        }

        Found merge(List<Venue> areaPlaces, VenueQuery query) {
            Set<String> listedNames = new HashSet<>();
            listed.forEach(venue -> listedNames.add(Venue.nameKey(venue.name())));
            String text = query.text() == null ? null : Venue.nameKey(query.text());
            List<Venue> merged = new ArrayList<>();
            for (Venue place : areaPlaces) {
                if (place.id().isCustom() && !listedNames.contains(Venue.nameKey(place.name()))
                        && (text == null || Venue.nameKey(place.name()).contains(text))) {
                    merged.add(place);
                }
            }
            merged.addAll(listed);
            all = merged.size() > query.limit() ? List.copyOf(merged.subList(0, query.limit())) : List.copyOf(merged);
            return this;
        }
    }
}
