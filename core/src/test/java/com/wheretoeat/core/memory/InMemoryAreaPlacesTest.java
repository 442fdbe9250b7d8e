package com.wheretoeat.core.memory;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.contract.AreaPlacesContract;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.port.AreaPlaces;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryAreaPlacesTest extends AreaPlacesContract {
    @Override
    protected AreaPlaces newPlaces() {
        return new InMemoryAreaPlaces();
    }

    @Test
    void areasWhoseEverythingExpiredAreForgotten() {
        InMemoryAreaPlaces places = new InMemoryAreaPlaces();
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        for (int i = 0; i < 1000; i++) {
            AreaName area = AreaName.of("passing-" + i);
            result(places.centre(area, new Coordinates(52.52, 13.405), now, now.plusSeconds(60)));
            result(places.keep(area, List.of(Venue.custom("Spam " + i)), now, now.plusSeconds(60)));
        }
        Instant later = now.plus(Duration.ofDays(1));
        for (int i = 0; i < 600; i++) {
            result(places.keep(AreaName.of("lunch"), List.of(Venue.custom("Pho Corner")), later, later.plusSeconds(60)));
        }

        assertThat(places.areasHeld()).isEqualTo(1);
    }
}
