package com.wheretoeat.core.contract;

import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import java.util.concurrent.atomic.AtomicLong;

/** Readable test values: places, people and areas. */
public final class Sample {
    private static final AtomicLong SESSIONS = new AtomicLong();

    public static final Venue TRATTORIA = Venue.listed(VenueId.of("example:trattoria-roma"), "Trattoria Roma");
    public static final Venue NOODLES = Venue.listed(VenueId.of("example:noodle-bar"), "Noodle Bar");
    public static final Venue TACOS = Venue.listed(VenueId.of("example:taco-stand"), "Taco Stand");

    private Sample() {}

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
