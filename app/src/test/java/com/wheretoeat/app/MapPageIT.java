package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.app.Chromium.Screen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;

/**
 * The area page's map in a real headless Chromium: a member searches near where the browser says
 * she is (the position emulated through DevTools), the places of a local catalog around it show
 * as markers, and a vote from a marker's popup goes live to everyone. Tiles come from a stub on
 * loopback. Screenshots go to {@code target/screenshots/}.
 */
class MapPageIT extends BrowserTestSite {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The Hôtel de Ville in Paris: the places of the catalog are a few hundred metres around it. */
    private static final double LAT = 48.8566;
    private static final double LON = 2.3522;
    private static final String CATALOG = """
            [{"id":"paris:bistro-lumiere","name":"Bistro Lumière","category":"French","address":"4 Rue de Rivoli",
              "location":{"latitude":48.8570,"longitude":2.3527}},
             {"id":"paris:cafe-rouge","name":"Café Rouge","category":"Café","address":"9 Rue du Temple",
              "location":{"latitude":48.8581,"longitude":2.3549}},
             {"id":"paris:pho-saigon","name":"Pho Saigon","category":"Vietnamese","address":"2 Quai de Gesvres",
              "location":{"latitude":48.8552,"longitude":2.3487}},
             {"id":"paris:petit-falafel","name":"Le Petit Falafel","category":"Middle Eastern",
              "location":{"latitude":48.8589,"longitude":2.3478}},
             {"id":"paris:kebab-van","name":"Kebab Van","category":"Street food"}]""";

    @BeforeEach
    void startApp() throws IOException {
        httpPort = AppProcess.freePort();
        app = startAt(Map.of());
    }


    @Test
    void aMemberSearchesNearHerAndVotesFromAMarkerAndEveryoneSeesItLive() {
        PageUser ann = person(Screen.DESKTOP, false).openLive("lunch-map");
        PageUser bob = person(Screen.DESKTOP, false).openLive("lunch-map");
        ann.join("Ann").awaitJoinedAs("Ann");
        bob.join("Bob").awaitJoinedAs("Bob");
        ann.mark();
        searchFor(ann, "nothing like this");
        ann.awaitMarkers();

        searchFor(ann, "");
        ann.await(PageUser.LIVE, d -> ann.texts(".venues .venue").size() == 5);
        ann.nearMe();

        // Nearest first; a place without a location stays in the list.
        ann.await(PageUser.LIVE, d -> ann.texts(".venues .venue")
                .equals(List.of("Bistro Lumière", "Café Rouge", "Pho Saigon", "Le Petit Falafel", "Kebab Van")));
        ann.awaitMarkers("Bistro Lumière", "Café Rouge", "Le Petit Falafel", "Pho Saigon");
        assertThat(ann.driver.findElement(By.id("near-error")).isDisplayed()).isFalse();
        Rectangle map = ann.driver.findElement(By.id("map")).getRect();
        for (WebElement marker : ann.driver.findElements(By.cssSelector("#map .leaflet-marker-icon"))) {
            Rectangle pin = marker.getRect();
            assertThat(pin.x >= map.x && pin.x + pin.width <= map.x + map.width
                    && pin.y >= map.y && pin.y + pin.height <= map.y + map.height)
                    .as("the map shows every place found near her").isTrue();
        }

        ann.openMarker("Bistro Lumière");
        assertThat(ann.texts(".leaflet-popup small")).containsExactly("French · 4 Rue de Rivoli");
        WebElement vote = ann.popupVoteButton();
        assertThat(vote.getAccessibleName()).isEqualTo("Vote for Bistro Lumière");
        vote.click();

        ann.awaitRanking("Bistro Lumière: 1 vote Ann");
        bob.awaitRanking("Bistro Lumière: 1 vote Ann");
        bob.await(PageUser.LIVE, d -> bob.markers().contains("Bistro Lumière, leading, 1 vote"));
        ann.awaitMarkers("Bistro Lumière, leading, 1 vote", "Café Rouge", "Le Petit Falafel", "Pho Saigon");
        assertThat(ann.texts("#map .map-pin.leader")).hasSize(1);

        // Bob's vote for another place makes a tie: no marker leads any more, both show their count.
        bob.voteFor("Café Rouge");
        ann.awaitMarkers("Bistro Lumière, 1 vote", "Café Rouge, 1 vote", "Le Petit Falafel", "Pho Saigon");
        assertThat(ann.driver.findElements(By.cssSelector("#map .map-pin.leader"))).isEmpty();
        ann.voteFor("Café Rouge");
        ann.awaitMarkers("Bistro Lumière", "Café Rouge, leading, 2 votes", "Le Petit Falafel", "Pho Saigon");

        assertThat(ann.stillMarked()).as("no page was reloaded").isTrue();
        assertThat(tiles.served()).as("tiles came from the configured server").isPositive();
        assertThat(ann.consoleErrors()).as("console errors and CSP violations").isEmpty();
        assertThat(bob.consoleErrors()).as("console errors and CSP violations").isEmpty();
    }

    @Test
    void aRefusedPositionIsSaidNextToTheButtonAndTheListStays() {
        PageUser ann = person(Screen.DESKTOP, false, false).openLive("lunch-refused");
        ann.join("Ann").awaitJoinedAs("Ann");
        List<String> before = ann.texts(".venues .venue");

        ann.nearMe();

        ann.awaitText(By.id("near-error"), "did not let the page know where you are", PageUser.LIVE);
        assertThat(ann.texts(".venues .venue")).isEqualTo(before);
        assertThat(ann.driver.findElement(By.id("near-me")).isEnabled()).isTrue();
    }

    @Test
    void withoutTilesTheMarkersAndTheListStillWork() {
        app.close();
        app = startAt(Map.of("MAP_TILE_URL", ""));
        PageUser ann = person(Screen.DESKTOP, false).openLive("lunch-offline");
        ann.join("Ann").awaitJoinedAs("Ann");

        ann.nearMe();
        ann.awaitMarkers("Bistro Lumière", "Café Rouge", "Le Petit Falafel", "Pho Saigon");
        ann.openMarker("Pho Saigon");
        ann.popupVoteButton().click();

        ann.awaitRanking("Pho Saigon: 1 vote Ann");
        assertThat(ann.driver.findElements(By.cssSelector("#map img.leaflet-tile"))).isEmpty();
        assertThat(ann.driver.findElements(By.cssSelector(".map-attribution"))).isEmpty();
        assertThat(ann.consoleErrors()).isEmpty();
    }

    @Test
    void theAreaRemembersWhereItWasFirstSearchedAndALaterPageOpensThere() {
        PageUser ann = member("lunch-centre", "Ann");
        ann.nearMe();
        ann.awaitMarkers("Bistro Lumière", "Café Rouge", "Le Petit Falafel", "Pho Saigon");

        PageUser cy = person(Screen.DESKTOP, false, false).openLive("lunch-centre");

        assertThat(cy.driver.findElement(By.cssSelector(".map-box")).getAttribute("data-centre-lat")).isEqualTo("48.8566");
        cy.join("Cy").awaitJoinedAs("Cy");
        cy.await(PageUser.LIVE, d -> cy.markers().size() == 4);
    }

    @Test
    void onAPhoneTheMapFitsScrollsWithThePageAndItsTargetsAreLargeEnough() throws IOException {
        PageUser ann = person(Screen.PHONE, false).openLive("lunch-phone-map");
        ann.join("Ann").awaitJoinedAs("Ann");
        ann.nearMe();
        ann.awaitMarkers("Bistro Lumière", "Café Rouge", "Le Petit Falafel", "Pho Saigon");
        ann.openMarker("Café Rouge");

        assertThat(ann.driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;"))
                .as("no sideways scrolling at 390 px").isEqualTo(true);
        List<String> small = new ArrayList<>();
        for (WebElement target : ann.driver.findElements(By.cssSelector(
                "button, input:not([type=hidden]), a.button, #map a[role=button], #map .leaflet-marker-icon"))) {
            if (target.isDisplayed() && (target.getSize().height < 44 || target.getSize().width < 44)) {
                small.add(target.getAccessibleName() + " " + target.getSize());
            }
        }
        assertThat(small).as("touch targets under 44 px, the map's included").isEmpty();

        // A finger swiping up over the map scrolls the page, as it would anywhere else.
        ann.driver.findElement(By.cssSelector(".leaflet-popup-close-button")).click();
        WebElement map = ann.driver.findElement(By.id("map"));
        ann.driver.executeScript("window.scrollTo(0, 0); arguments[0].scrollIntoView({block: 'end'});", map);
        long before = ((Number) ann.driver.executeScript("return window.scrollY;")).longValue();
        Rectangle box = map.getRect();
        long top = ((Number) ann.driver.executeScript("return arguments[0].getBoundingClientRect().top;", map)).longValue();
        swipeUp(ann, box.x + 12, top + box.height * 3 / 4);
        ann.await(PageUser.LIVE, d -> ((Number) ann.driver.executeScript("return window.scrollY;")).longValue() > before + 100);
    }

    @Test
    void screenshotsOfTheMap() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        PageUser kim = member("lunch-map-looks", "Kim");
        kim.nearMe();
        kim.awaitMarkers("Bistro Lumière", "Café Rouge", "Le Petit Falafel", "Pho Saigon");
        kim.voteFor("Café Rouge");
        kim.awaitRanking("Café Rouge: 1 vote Kim");
        for (Screen screen : Screen.values()) {
            for (boolean dark : new boolean[] {false, true}) {
                PageUser viewer = person(screen, dark).openLive("lunch-map-looks");
                String name = (dark ? "Dee" : "Lee") + "-" + screen.name().toLowerCase();
                viewer.join(name).awaitJoinedAs(name);
                viewer.nearMe();
                viewer.awaitMarkers("Bistro Lumière", "Café Rouge, leading, 1 vote", "Le Petit Falafel", "Pho Saigon");
                if (screen == Screen.DESKTOP) {
                    viewer.openMarker("Pho Saigon");
                    viewer.await(PageUser.LIVE, d -> "1".equals(viewer.driver.executeScript(
                            "return getComputedStyle(document.querySelector('.leaflet-popup')).opacity;")));
                }
                viewer.driver.executeScript("document.activeElement.blur();"
                        + "document.querySelector('.search').scrollIntoView({block: 'start'});");
                viewer.await(PageUser.LIVE, d -> (Boolean) viewer.driver.executeScript(
                        "return Array.from(document.querySelectorAll('#map img.leaflet-tile')).every(t => t.complete)"
                                + " && document.querySelectorAll('#map img.leaflet-tile-loaded').length > 0;"));
                Files.write(SCREENSHOTS.resolve("map-" + screen.name().toLowerCase() + (dark ? "-dark" : "-light") + ".png"),
                        viewer.screenshot());
                assertThat(viewer.consoleErrors()).isEmpty();
            }
        }
    }

    /** A finger on the screen at (x, y), moved 200 px up in small steps, then lifted. */
    private static void swipeUp(PageUser user, long x, long y) {
        user.driver.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", "touchStart",
                "touchPoints", List.of(Map.of("x", x, "y", y))));
        for (int step = 1; step <= 10; step++) {
            user.driver.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", "touchMove",
                    "touchPoints", List.of(Map.of("x", x, "y", y - step * 20))));
        }
        user.driver.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", "touchEnd", "touchPoints", List.of()));
    }

    private static void searchFor(PageUser user, String text) {
        WebElement field = user.driver.findElement(By.id("q"));
        field.clear();
        field.sendKeys(text);
        user.driver.findElement(By.cssSelector("form.search button")).click();
        user.await(PageUser.LIVE, d -> text.isEmpty() ? !user.driver.getCurrentUrl().contains("?q=")
                : user.driver.getCurrentUrl().contains("?q="));
    }

    /** Someone on a desktop whose browser says it is at the Hôtel de Ville, who joined under {@code name}. */
    private PageUser member(String area, String name) {
        return person(Screen.DESKTOP, false).openLive(area).join(name).awaitJoinedAs(name);
    }

    private PageUser person(Screen screen, boolean dark) {
        return person(screen, dark, true);
    }

    /** With {@code located}, the browser knows its position and may tell the page; without, it refuses. */
    private PageUser person(Screen screen, boolean dark, boolean located) {
        PageUser person = browser(screen, dark, true);
        String origin = "http://127.0.0.1:" + httpPort;
        person.driver.executeCdpCommand("Browser.setPermission", Map.of("origin", origin,
                "permission", Map.of("name", "geolocation"), "setting", located ? "granted" : "denied"));
        if (located) {
            person.driver.executeCdpCommand("Emulation.setGeolocationOverride",
                    Map.of("latitude", LAT, "longitude", LON, "accuracy", 20));
        }
        return person;
    }

    /** The app with the catalog of places around the Hôtel de Ville. */
    private Application startAt(Map<String, String> more) {
        Path catalog = Path.of("target", "map-places.json");
        try {
            Files.createDirectories(catalog.getParent());
            Files.writeString(catalog, CATALOG);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> environment = new HashMap<>(more);
        environment.put("VENUE_CATALOG", catalog.toAbsolutePath().toString());
        return start(environment);
    }
}
