package com.wheretoeat.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.json.CoreJson;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Loads the JSON machinery on a second core while the first sets up storage and the servers:
 * class loading is most of the start-up time, and Jackson is the largest part of it.
 */
final class Warmup {
    private Warmup() {}

    static CompletableFuture<Void> start() {
        return CompletableFuture.runAsync(Warmup::json);
    }

    private static void json() {
        ObjectMapper mapper = CoreJson.newMapper();
        Instant now = Instant.now();
        AreaName area = AreaName.of("warm-up");
        Member member = new Member(Username.of("Warm"), 1, now, now);
        try {
            mapper.readValue(mapper.writeValueAsBytes(AreaSnapshot.of(area, 1, List.of(member), List.of())),
                    AreaSnapshot.class);
            mapper.readValue(mapper.writeValueAsBytes(new AreaEvent.MemberJoined(area, 1, now, member)), AreaEvent.class);
            mapper.readValue(mapper.writeValueAsBytes(Venue.custom("Warm")), Venue.class);
        } catch (IOException e) {
            throw new IllegalStateException("The JSON codec cannot read what it writes", e);
        }
    }
}
