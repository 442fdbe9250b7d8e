package com.wheretoeat.core.contract;

import com.wheretoeat.core.memory.InMemoryVenueCatalog;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import java.util.concurrent.atomic.AtomicLong;

/** Readable test values: places, people and areas. */
public final class Sample {
    private static final AtomicLong SESSIONS = new AtomicLong();

    /** Places of the example catalog, with every detail it gives them (which is what a vote for one records). */
    public static final Venue TRATTORIA = example("example:trattoria-roma");
    public static final Venue NOODLES = example("example:noodle-bar");
    public static final Venue TACOS = example("example:taco-stand");

    private Sample() {}

    private static Venue example(String id) {
        return InMemoryVenueCatalog.EXAMPLES.stream().filter(venue -> venue.id().equals(VenueId.of(id))).findFirst()
                .orElseThrow();
    }

    public static AreaName area(String name) {
        return AreaName.of(name);
    }

    public static Username name(String name) {
        return Username.of(name);
    }

    /** A session id unique within this JVM, without a random source. */
    public static SessionId session() {
        return new SessionId(String.format("test-session-%016d", SESSIONS.incrementAndGet()));
    }
}
