package com.wheretoeat.core.memory;

import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.port.AreaPlaces;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link AreaPlaces} in this process's memory, for one node or tests. Areas whose places and
 * centre all expired are swept now and then, so names nobody uses again are forgotten.
 */
public final class InMemoryAreaPlaces implements AreaPlaces {
    /** Every this many changes, every area is looked at once: the sweep costs O(1) per change on average. */
    private static final int SWEEP_EVERY = 256;

    private record Kept<T>(T value, Instant until) {
        boolean liveAt(Instant now) {
            return until.isAfter(now);
        }
    }

    private final Map<AreaName, Map<VenueId, Kept<Venue>>> places = new HashMap<>();
    private final Map<AreaName, Kept<Coordinates>> centres = new HashMap<>();
    private int changes;

    @Override
    public synchronized CompletionStage<Void> keep(AreaName area, List<Venue> kept, Instant now, Instant until) {
        sweepNowAndThen(now);
        Map<VenueId, Kept<Venue>> known = places.computeIfAbsent(area, a -> new HashMap<>());
        known.values().removeIf(entry -> !entry.liveAt(now));
        for (Venue place : kept) {
            Kept<Venue> before = known.get(place.id());
            Instant later = before != null && before.until().isAfter(until) ? before.until() : until;
            known.put(place.id(), new Kept<>(place, later));
        }
        if (known.size() > MAX_PLACES) {
            known.entrySet().stream().sorted(Comparator.comparing(entry -> entry.getValue().until()))
                    .limit(known.size() - MAX_PLACES).map(Map.Entry::getKey).toList()
                    .forEach(known::remove);
        }
        if (known.isEmpty()) {
            places.remove(area);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Optional<Venue>> find(AreaName area, VenueId id, Instant now) {
        Kept<Venue> entry = places.getOrDefault(area, Map.of()).get(id);
        return CompletableFuture.completedFuture(
                entry != null && entry.liveAt(now) ? Optional.of(entry.value()) : Optional.empty());
    }

    @Override
    public synchronized CompletionStage<List<Venue>> all(AreaName area, Instant now) {
        return CompletableFuture.completedFuture(places.getOrDefault(area, Map.of()).values().stream()
                .filter(entry -> entry.liveAt(now))
                .sorted(Comparator.comparing((Kept<Venue> entry) -> entry.until()).reversed()
                        .thenComparing(entry -> entry.value().id().value()))
                .map(Kept::value).toList());
    }

    @Override
    public synchronized CompletionStage<Optional<Coordinates>> centre(AreaName area, Coordinates proposal, Instant now,
            Instant until) {
        sweepNowAndThen(now);
        Kept<Coordinates> held = centres.get(area);
        if (held == null || !held.liveAt(now)) {
            if (proposal == null) {
                centres.remove(area);
                return CompletableFuture.completedFuture(Optional.empty());
            }
            held = new Kept<>(proposal, until);
        } else if (until.isAfter(held.until())) {
            held = new Kept<>(held.value(), until);
        }
        centres.put(area, held);
        return CompletableFuture.completedFuture(Optional.of(held.value()));
    }

    /** How many areas hold something, expired or not: for tests of the sweep. */
    synchronized int areasHeld() {
        java.util.Set<AreaName> held = new java.util.HashSet<>(places.keySet());
        held.addAll(centres.keySet());
        return held.size();
    }

    private void sweepNowAndThen(Instant now) {
        if (++changes % SWEEP_EVERY != 0) {
            return;
        }
        places.values().forEach(known -> known.values().removeIf(entry -> !entry.liveAt(now)));
        places.values().removeIf(Map::isEmpty);
        centres.values().removeIf(centre -> !centre.liveAt(now));
    }
}
