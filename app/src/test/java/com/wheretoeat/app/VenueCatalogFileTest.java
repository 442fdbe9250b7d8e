package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VenueCatalogFileTest {
    @TempDir
    Path dir;

    @Test
    void aDeploymentsOwnPlacesAreSearchable() throws Exception {
        Path file = Files.writeString(dir.resolve("places.json"), """
                [{"id":"office:canteen","name":"Canteen","category":"Cafeteria","location":{"latitude":52.5,"longitude":13.4}},
                 {"id":"office:kebab","name":"Kebab Corner"}]""");

        var catalog = VenueCatalogFile.load(file);

        assertThat(catalog.search(VenueQuery.matching("canteen")).toCompletableFuture().join())
                .extracting(Venue::name).containsExactly("Canteen");
    }

    @Test
    void aBrokenCatalogStopsTheStartSayingWhatIsWrong() throws Exception {
        Path file = Files.writeString(dir.resolve("places.json"), "[{\"id\":\"office:x\",\"name\":\"X\",\"url\":\"ftp://x\"}]");

        assertThatThrownBy(() -> VenueCatalogFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("VENUE_CATALOG=")
                .hasMessageContaining("The venue URL must be an http or https address.");
    }
}
