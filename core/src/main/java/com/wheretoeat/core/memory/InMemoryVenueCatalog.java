package com.wheretoeat.core.memory;

import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.port.VenueSearch;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * A small local catalog of places: the offline provider, and the fallback when a live one fails.
 * Text matches name, category or address, ignoring case; results near a point come nearest first.
 */
public final class InMemoryVenueCatalog implements VenueSearch {
    private final List<Venue> listed;
    private final Map<VenueId, Venue> byId = new HashMap<>();
    private final FaultSwitch faults = new FaultSwitch();

    public InMemoryVenueCatalog(List<Venue> listed) {
        this.listed = List.copyOf(listed);
        this.listed.forEach(venue -> byId.putIfAbsent(venue.id(), venue));
    }

    /** Makes every call act out {@code fault}, to test how callers meet a provider's outage. */
    public void simulate(Fault fault) {
        faults.set(fault);
    }

    /** A handful of example places around a town square, so a fresh install has something to vote for. */
    public static final List<Venue> EXAMPLES = List.of(
            example("example:trattoria-roma", "Trattoria Roma", "Italian", "12 Market Street", 52.5203, 13.4049),
            example("example:green-bowl", "Green Bowl", "Salads", "3 Park Lane", 52.5211, 13.4102),
            example("example:noodle-bar", "Noodle Bar", "Ramen", "48 River Road", 52.5190, 13.4011),
            example("example:burger-brothers", "Burger Brothers", "Burgers", "7 Station Square", 52.5230, 13.4128),
            example("example:taco-stand", "Taco Stand", "Mexican", "21 Bridge Street", 52.5176, 13.4087),
            example("example:curry-house", "Curry House", "Indian", "5 Mill Lane", 52.5245, 13.4033),
            example("example:falafel-corner", "Falafel Corner", "Middle Eastern", "1 Corner Place", 52.5199, 13.4150),
            example("example:sushi-go", "Sushi Go", "Japanese", "30 Harbour Walk", 52.5168, 13.3990));

    /** A catalog of the {@link #EXAMPLES}. */
    public static InMemoryVenueCatalog withExamples() {
        return new InMemoryVenueCatalog(EXAMPLES);
    }

    private static Venue example(String id, String name, String category, String address, double lat, double lon) {
        return Venue.listed(VenueId.of(id), name).withCategory(category).withAddress(address)
                .withLocation(new Coordinates(lat, lon));
    }

    @Override
    public CompletionStage<List<Venue>> search(VenueQuery query) {
        Predicate<Venue> matches = query.text() == null ? v -> true : textMatch(query.text());
        Comparator<Venue> order = query.near() == null
                ? Comparator.comparing(v -> v.name().toLowerCase(Locale.ROOT))
                : Comparator.comparingDouble(v -> v.location() == null ? Double.MAX_VALUE : v.location().metresTo(query.near()));
        return faults.run("venue catalog",
                () -> listed.stream().filter(matches).sorted(order).limit(query.limit()).toList());
    }

    @Override
    public CompletionStage<Optional<Venue>> lookup(VenueId id) {
        return faults.run("venue catalog", () -> Optional.ofNullable(byId.get(id)));
    }

    private static Predicate<Venue> textMatch(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return v -> contains(v.name(), needle) || contains(v.category(), needle) || contains(v.address(), needle);
    }

    private static boolean contains(String field, String needle) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(needle);
    }
}
