package com.wheretoeat.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every browser test stands on: the app in this JVM on a free port, with the example catalog
 * (no internet here) and map tiles from a stub on loopback, and the browsers it opened, closed after
 * each test.
 */
abstract class BrowserTestSite {
    /** The map's tiles: a stub on loopback, never a real tile server. */
    static TileServer tiles;

    int httpPort;
    Application app;
    final List<PageUser> people = new ArrayList<>();

    @BeforeAll
    static void needsChromiumAndTiles() {
        Chromium.assumeInstalled();
        tiles = new TileServer();
    }

    @AfterAll
    static void stopTiles() {
        if (tiles != null) {
            tiles.close();
        }
    }

    @AfterEach
    void stopAll() {
        people.forEach(PageUser::close);
        if (app != null) {
            app.close();
        }
    }

    /** Starts the app on {@link #httpPort} with catalog places and the stub's tiles, unless {@code more} says otherwise. */
    Application start(Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(Map.of("VENUES", "catalog", "MAP_TILE_URL", tiles.urlTemplate()));
        environment.putAll(more);
        environment.putAll(Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(httpPort)));
        return Application.start(Settings.fromEnvironment(environment));
    }

    /** A browser pointed at the app, closed after the test. */
    PageUser browser(Chromium.Screen screen, boolean dark, boolean javascript) {
        PageUser person = new PageUser(Chromium.open(screen, dark, javascript), "http://127.0.0.1:" + httpPort);
        people.add(person);
        return person;
    }
}
