package com.wheretoeat.core.service;

import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.error.UnavailableException;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
     * come first (at most half the results, so typing cannot crowd the real places out), then the
     * provider's places, which the area keeps so that votes can name them.
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
                            .thenCompose(found -> keepListed(area, found.listed, now)
                                    .thenApply(kept -> new VenueResults(found.all, centre, found.liveUnavailable)));
                });
    }

    /**
     * The place a typed name stands for: the area's listed place of the same name (ignoring case,
     * accents and spaces) when there is one, else a typed place of that name and nothing more.
     */
    CompletionStage<Venue> typed(AreaName area, String name) {
        Venue typed = Venue.custom(name);
        String key = Venue.nameKey(typed.name());
        return guard.call(VOTE_FAILED, () -> places.all(area, clock.now())).thenApply(known -> known.stream()
                .filter(place -> !place.id().isCustom() && Venue.nameKey(place.name()).equals(key))
                .findFirst().orElse(typed));
    }

    /**
     * The place an id stands for: one the area listed or someone typed there, else one the provider
     * knows; an id neither knows is refused.
     */
    CompletionStage<Venue> listed(AreaName area, VenueId id) {
        return guard.call(VOTE_FAILED, () -> places.find(area, id, clock.now())).thenCompose(known -> known
                .<CompletionStage<Venue>>map(CompletableFuture::completedFuture)
                .orElseGet(() -> id.isCustom() ? CompletableFuture.failedFuture(notListed()) : lookup(id)));
    }

    /**
     * Keeps the place a vote went to for as long as the vote lives, so that while it counts the area
     * can name it, and a typed name still finds it when its listing has lapsed.
     */
    CompletionStage<Vote> keepVoted(AreaName area, Vote vote) {
        return guard.call(VOTE_FAILED, () -> places.keep(area, List.of(vote.venue()), clock.now(), vote.expiresAt()))
                .thenApply(kept -> vote);
    }

    /** Keeping what a search listed helps later votes; a search still answers when it cannot. */
    private CompletionStage<Void> keepListed(AreaName area, List<Venue> listed, Instant now) {
        if (listed.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return guard.call("Something went wrong when keeping the places listed.",
                        () -> places.keep(area, listed, now, now.plus(lifetimes.vote())))
                .exceptionally(error -> {
                    LOG.log(Level.DEBUG, "Could not keep the places listed in " + area, error);
                    return null;
                });
    }

    /**
     * The provider's word on {@code id}, or else the fallback's. When neither can answer the vote is
     * {@code unavailable}: the place may well exist.
     */
    private CompletionStage<Venue> lookup(VenueId id) {
        return bounded(() -> provider.lookup(id))
                .exceptionallyCompose(error -> {
                    LOG.log(Level.WARNING, "The place lookup failed (" + Guard.unwrap(error) + "); asking the fallback");
                    return fallback == null ? CompletableFuture.failedFuture(unavailable(error)) : fallbackLookup(id);
                })
                .thenCompose(found -> found.isPresent() || fallback == null
                        ? CompletableFuture.completedFuture(found) : fallbackLookup(id))
                .thenApply(found -> found.orElseThrow(AreaVenues::notListed));
    }

    private CompletableFuture<Optional<Venue>> fallbackLookup(VenueId id) {
        return bounded(() -> fallback.lookup(id)).exceptionallyCompose(error -> CompletableFuture.failedFuture(unavailable(error)));
    }

    private static UnavailableException unavailable(Throwable error) {
        return new UnavailableException(VOTE_FAILED, Guard.unwrap(error));
    }

    private static InvalidInputException notListed() {
        return new InvalidInputException("venue.id",
                "This place was not offered here lately. Search again and pick it from the list.");
    }

    /** The provider's places, or the fallback's when it fails: a provider's outage never stops a search. */
    private CompletableFuture<Found> live(VenueQuery query) {
        return bounded(() -> provider.search(query)).thenApply(found -> new Found(found, false))
                .exceptionallyCompose(error -> {
                    LOG.log(Level.WARNING, "The place search failed (" + Guard.unwrap(error) + "); answering from the fallback");
                    if (fallback == null) {
                        return CompletableFuture.completedFuture(new Found(List.of(), true));
                    }
                    return bounded(() -> fallback.search(query)).thenApply(found -> new Found(found, true))
                            .exceptionally(also -> new Found(List.of(), true));
                });
    }

    /** A provider's call, bounded in time; one that throws instead of failing its stage fails it all the same. */
    private <T> CompletableFuture<T> bounded(Supplier<CompletionStage<T>> call) {
        try {
            return call.get().toCompletableFuture().copy().orTimeout(providerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
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
            // Typed places take at most half the results while the provider has places to show.
            int typedRoom = listed.isEmpty() ? query.limit() : Math.max(1, query.limit() / 2);
            List<Venue> merged = new ArrayList<>();
            for (Venue place : areaPlaces) {
                if (merged.size() < typedRoom && place.id().isCustom() && !listedNames.contains(Venue.nameKey(place.name()))
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
