package com.wheretoeat.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.wheretoeat.core.memory.InMemoryVenueCatalog;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.json.CoreJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the places a deployment offers for search from a JSON array of venues (docs/json.md). */
final class VenueCatalogFile {
    private VenueCatalogFile() {}

    static InMemoryVenueCatalog load(Path file) {
        try {
            List<Venue> venues = CoreJson.newMapper().readValue(Files.readString(file), new TypeReference<List<Venue>>() {});
            return new InMemoryVenueCatalog(venues);
        } catch (JsonProcessingException e) {
            throw new ConfigException(Variable.VENUE_CATALOG, file.toString(),
                    "not a JSON array of places: " + CoreJson.invalid(e).getMessage());
        } catch (IOException e) {
            throw new ConfigException(Variable.VENUE_CATALOG, file.toString(), "cannot be read (" + e.getMessage() + ")");
        }
    }
}
