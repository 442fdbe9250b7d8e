package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.app.Chromium.Screen;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.WebElement;

/**
 * The area page in a real headless Chromium against the app wired in this JVM: live updates
 * between two people, healing after a restart, hostile names, the page without JavaScript, a
 * phone's screen, accessible names. Screenshots go to {@code target/screenshots/}.
 */
class LivePageIT extends BrowserTestSite {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @BeforeEach
    void startApp() {
        httpPort = AppProcess.freePort();
        app = startOnOurPort();
    }

    @Test
    void twoPeopleSeeEachOthersJoinVoteMoveTakeBackAndLeaveWithoutReload() {
        PageUser ann = person(Screen.DESKTOP, false).openLive("lunch-live");
        PageUser bob = person(Screen.DESKTOP, false).openLive("lunch-live");
        ann.mark();
        bob.mark();

        ann.join("Ann").awaitJoinedAs("Ann");
        bob.awaitMembers("Ann"); // Bob has not picked a name yet: a visitor's page is live too
        bob.join("Bob").awaitJoinedAs("Bob");
        bob.awaitMembers("Ann", "Bob (you)");
        ann.awaitMembers("Ann (you)", "Bob");

        bob.voteFor("Noodle Bar");
        ann.awaitRanking("Noodle Bar: 1 vote Bob");
        ann.voteFor("Taco Stand");
        bob.awaitRanking("Noodle Bar: 1 vote Bob", "Taco Stand: 1 vote Ann");
        assertThat(bob.texts(".ranking li.tied .venue")).as("a 1-1 tie is shown as a tie")
                .containsExactly("Noodle Bar", "Taco Stand");
        assertThat(bob.texts(".ranking li.leader")).isEmpty();

        bob.voteFor("Taco Stand");
        ann.awaitRanking("Taco Stand: 2 votes Ann, Bob");
        assertThat(ann.texts(".ranking li.leader .venue")).containsExactly("Taco Stand");
        assertThat(ann.texts(".ranking li.yours .venue")).as("Ann's own vote is marked").containsExactly("Taco Stand");

        bob.takeBack();
        ann.awaitRanking("Taco Stand: 1 vote Ann");
        bob.leave();
        ann.awaitMembers("Ann (you)");
        bob.await(PageUser.LIVE, d -> d.findElement(By.cssSelector(".join-box")).isDisplayed());

        assertThat(ann.texts(".activity li")).as("newest first").first().asString().startsWith("Bob left");
        assertThat(ann.texts(".activity li")).anyMatch(line -> line.startsWith("Bob moved their vote to Taco Stand"));
        assertThat(ann.stillMarked() && bob.stillMarked()).as("no page was reloaded").isTrue();
    }

    @Test
    void twoTabsOpenedBeforeAnyJoinShareOneSessionSoEachKeepsItsNameAcrossAReload() {
        PageUser ann = person(Screen.DESKTOP, false).openLive("lunch-tab-one");
        String first = ann.driver.getWindowHandle();
        ann.driver.switchTo().newWindow(WindowType.TAB);
        ann.openLive("lunch-tab-two");
        String second = ann.driver.getWindowHandle();

        ann.driver.switchTo().window(first);
        ann.join("Ann").awaitJoinedAs("Ann");
        ann.driver.switchTo().window(second);
        ann.join("Ann").awaitJoinedAs("Ann");
        ann.driver.switchTo().window(first);
        ann.driver.navigate().refresh();

        ann.awaitText(By.id("live-status"), "Live", Duration.ofSeconds(10));
        ann.awaitJoinedAs("Ann");
        assertThat(ann.driver.findElement(By.id("name-error")).isDisplayed()).as("no name-taken").isFalse();
    }

    @Test
    void reloadingThePageKeepsYouInTheAreaAndNobodySeesYouLeave() {
        PageUser ann = member("lunch-reload", "Ann");
        PageUser bob = member("lunch-reload", "Bob");
        bob.voteFor("Green Bowl");
        ann.awaitRanking("Green Bowl: 1 vote Bob");

        bob.driver.navigate().refresh();
        bob.awaitText(By.id("live-status"), "Live", Duration.ofSeconds(10));
        bob.awaitJoinedAs("Bob");
        bob.voteFor("Curry House");

        ann.awaitRanking("Curry House: 1 vote Bob");
        assertThat(ann.members()).containsExactly("Ann (you)", "Bob");
        assertThat(ann.texts(".activity li")).as("Bob joined once, and never left")
                .noneMatch(line -> line.startsWith("Bob left"))
                .filteredOn(line -> line.startsWith("Bob joined")).hasSize(1);
    }

    @Test
    void aVoteOnOnePageShowsOnTheOtherQuickly() {
        PageUser ann = member("lunch-speed", "Ann");
        PageUser bob = member("lunch-speed", "Bob");
        ann.awaitMembers("Ann (you)", "Bob");
        // Ann's page notes when each change of the ranking appears; Bob's notes when he clicked.
        ann.driver.executeScript("window.seen = [];"
                + "new MutationObserver(() => window.seen.push([Date.now(), document.querySelector('.ranking').textContent]))"
                + ".observe(document.querySelector('.ranking'), {childList: true, subtree: true, characterData: true});");

        List<Long> millis = new ArrayList<>();
        String[] places = {"Noodle Bar", "Taco Stand"};
        for (int i = 0; i < 20; i++) {
            String place = places[i % 2];
            WebElement button = bob.driver.findElement(By.xpath(
                    "//ul[@class='venues']//li[.//span[@class='venue' and text()='" + place + "']]//button"));
            long clicked = (Long) bob.driver.executeScript("const t = Date.now(); arguments[0].click(); return t;", button);
            ann.awaitRanking(place + ": 1 vote Bob");
            @SuppressWarnings("unchecked")
            List<List<Object>> seen = (List<List<Object>>) ann.driver.executeScript("return window.seen.splice(0);");
            long shown = seen.stream().filter(s -> ((String) s.get(1)).contains(place)).mapToLong(s -> (Long) s.get(0))
                    .min().orElseThrow();
            millis.add(shown - clicked);
        }
        Collections.sort(millis);
        System.out.printf("vote on one page -> shown on the other, 20 votes: median %d ms, min %d ms, max %d ms%n",
                (millis.get(9) + millis.get(10)) / 2, millis.get(0), millis.get(19));
        assertThat(millis).hasSize(20).allMatch(ms -> ms >= 0);
    }

    @Test
    void thePageHealsItselfAfterTheServerRestartsAndShowsWhatChangedMeanwhile() throws Exception {
        PageUser ann = member("lunch-restart", "Ann");
        ann.mark();

        app.close();
        app = null;
        ann.await(Duration.ofSeconds(5), d -> !d.findElement(By.id("live-status")).getText().equals("Live"));
        app = startOnOurPort();
        // Votes made while the page was away, through the JSON API.
        HttpClient bob = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertThat(postJson(bob, "/api/areas/lunch-restart/join", "{\"name\":\"Bob\"}")).isEqualTo(200);
        assertThat(postJson(bob, "/api/areas/lunch-restart/vote", "{\"venue\":{\"name\":\"Pho Corner\"}}")).isEqualTo(200);

        ann.awaitText(By.id("live-status"), "Live", Duration.ofSeconds(20));
        ann.await(Duration.ofSeconds(5), d -> ann.members().size() == 2);
        assertThat(ann.members()).containsExactlyInAnyOrder("Bob", "Ann (you)");
        ann.awaitRanking("Pho Corner: 1 vote Bob");
        assertThat(ann.stillMarked()).as("healed without a reload").isTrue();

        ann.voteTyped("Pho Corner");
        ann.awaitRanking("Pho Corner: 2 votes Bob, Ann");
    }

    @Test
    void votesAndMembersThatExpireLeaveThePageLive() {
        app.close();
        app = startOnOurPort(Map.of("VOTE_LIFETIME", "3s", "MEMBER_LIFETIME", "6s"));
        PageUser ann = member("lunch-expiry", "Ann");
        PageUser bob = member("lunch-expiry", "Bob");
        bob.voteFor("Noodle Bar");
        ann.awaitRanking("Noodle Bar: 1 vote Bob");
        ann.voteFor("Noodle Bar"); // keeps Ann active a little longer than Bob
        ann.awaitRanking("Noodle Bar: 2 votes Bob, Ann");
        assertThat(ann.texts(".votes .until")).allMatch(until -> until.startsWith("counts until "));

        ann.await(Duration.ofSeconds(10), d -> ann.ranking().isEmpty());
        ann.await(Duration.ofSeconds(10), d -> ann.members().equals(List.of("Ann (you)")));
        assertThat(ann.texts(".activity li")).anyMatch(line -> line.startsWith("Bob's vote for Noodle Bar expired"))
                .anyMatch(line -> line.startsWith("Bob was away too long and left"));
        bob.await(Duration.ofSeconds(10), d -> d.findElement(By.cssSelector(".join-box")).isDisplayed());
        ann.await(Duration.ofSeconds(10), d -> d.findElement(By.cssSelector(".join-box")).isDisplayed());
        assertThat(ann.members()).isEmpty();
    }

    @Test
    void namesAreShownAsTextAndNoScriptInThemRuns() {
        String scriptName = "<script>pwned=1</script>";
        String imageName = "<img src=x onerror=pwned=2>";
        PageUser eve = person(Screen.DESKTOP, false).openLive("lunch-hostile");
        PageUser mallory = person(Screen.DESKTOP, false).openLive("lunch-hostile");

        eve.join(scriptName).awaitJoinedAs(scriptName);
        mallory.join(imageName).awaitJoinedAs(imageName);
        mallory.voteTyped("<b>Bold</b> Bistro");
        eve.awaitRanking("<b>Bold</b> Bistro: 1 vote " + imageName);
        eve.awaitMembers(scriptName + " (you)", imageName);

        for (PageUser page : List.of(eve, mallory)) {
            assertThat(page.driver.executeScript("return window.pwned === undefined;")).isEqualTo(true);
            // The map's tiles are the only images in the area.
            assertThat(page.driver.findElements(By.cssSelector("#area img:not(.leaflet-tile), #area b, #area script"))).isEmpty();
        }
        // And the same names as the server renders them on a fresh load.
        eve.open("/a/lunch-hostile");
        eve.await(PageUser.LIVE, d -> eve.members().contains(imageName));
        assertThat(eve.driver.findElements(By.cssSelector("#area img:not(.leaflet-tile), #area b"))).isEmpty();
        assertThat(eve.driver.executeScript("return window.pwned === undefined;")).isEqualTo(true);
    }

    @Test
    void aTakenNameIsRefusedNextToTheFieldAndWhatWasTypedStays() {
        PageUser ann = person(Screen.DESKTOP, false).openLive("lunch-names");
        PageUser other = person(Screen.DESKTOP, false).openLive("lunch-names");
        ann.join("Ann").awaitJoinedAs("Ann");

        other.join("Ann");
        other.awaitText(By.id("name-error"), "already taken", PageUser.LIVE);
        WebElement field = other.driver.findElement(By.id("name"));
        assertThat(field.getAttribute("value")).isEqualTo("Ann");
        assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field.getAttribute("aria-describedby")).isEqualTo("name-error");

        other.join("Annie").awaitJoinedAs("Annie");
        assertThat(other.driver.findElement(By.id("name-error")).isDisplayed()).isFalse();
        ann.awaitMembers("Ann (you)", "Annie");
    }

    @Test
    void aRenameShowsLiveAndKeepsTheVote() {
        PageUser ann = member("lunch-rename", "Ann");
        PageUser bob = member("lunch-rename", "Bob");
        bob.voteFor("Sushi Go");
        ann.awaitRanking("Sushi Go: 1 vote Bob");

        bob.rename("Robert").awaitJoinedAs("Robert");

        ann.awaitMembers("Ann (you)", "Robert");
    }

    @Test
    void thePageGoesLiveOnItsOwnOriginAndThePolicyAllowsExactlyThatEndpoint() throws Exception {
        String live = "ws://127.0.0.1:" + httpPort + "/live";
        PageUser ann = person(Screen.DESKTOP, false).openLive("one-port");

        assertThat(ann.driver.findElement(By.id("area")).getAttribute("data-ws-url")).isEqualTo(live);
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/a/one-port")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("the page's own origin for the venue search, and the live endpoint, nothing else")
                .contains("; connect-src 'self' " + live + ";");
    }

    @Test
    void noPageLogsAnErrorOrBreaksItsContentSecurityPolicy() {
        PageUser ann = person(Screen.DESKTOP, false);
        ann.open("/");
        ann.loadingNextPage(p -> {
            p.driver.findElement(By.cssSelector("a.button")).click();
            return p;
        });
        ann.awaitText(By.id("live-status"), "Live", Duration.ofSeconds(10));
        ann.join("Ann").awaitJoinedAs("Ann");
        ann.voteFor("Curry House");
        ann.awaitRanking("Curry House: 1 vote Ann");
        ann.driver.findElement(By.id("q")).sendKeys("sushi");
        ann.driver.findElement(By.cssSelector("form.search button")).click();
        ann.await(PageUser.LIVE, d -> ann.texts(".venues .venue").equals(List.of("Sushi Go")));
        ann.voteFor("Sushi Go");
        ann.awaitRanking("Sushi Go: 1 vote Ann");
        ann.open("/open?area=%3Cbad%3E");
        assertThat(ann.driver.findElement(By.id("area-error")).getText()).contains("may hold only letters");

        assertThat(ann.consoleErrors()).as("console errors and CSP violations")
                .allMatch(entry -> entry.getMessage().contains("/open?area=%3Cbad%3E - Failed to load resource: "
                        + "the server responded with a status of 400"));
    }

    @Test
    void withoutJavaScriptEveryFormStillWorks() {
        PageUser ann = person(Screen.DESKTOP, false, false).open("/a/lunch-nojs");
        assertThat(ann.driver.findElement(By.id("live-status")).isDisplayed()).isFalse();

        ann.loadingNextPage(p -> p.join("Ann")).awaitJoinedAs("Ann");
        ann.loadingNextPage(p -> p.voteFor("Green Bowl")).awaitRanking("Green Bowl: 1 vote Ann");
        ann.loadingNextPage(p -> p.voteTyped("Pho Corner")).awaitRanking("Pho Corner: 1 vote Ann");
        ann.loadingNextPage(PageUser::takeBack).awaitRanking();
        ann.loadingNextPage(PageUser::leave).await(PageUser.LIVE, d -> d.findElement(By.cssSelector(".join-box")).isDisplayed());
        ann.awaitMembers();
    }

    @Test
    void onAPhoneNothingScrollsSidewaysAndEveryTargetIsLargeEnough() throws IOException {
        PageUser ann = person(Screen.PHONE, false).openLive("lunch-phone");
        ann.join("Annabel-Marie Featherstonehaugh").awaitJoinedAs("Annabel-Marie Featherstonehaugh");
        ann.voteTyped("The Extraordinarily Long-Named Neighbourhood Noodle Bar and Grill");
        ann.awaitText(By.cssSelector(".ranking"), "Grill", PageUser.LIVE);

        assertThat(ann.driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;"))
                .as("no sideways scrolling at 390 px").isEqualTo(true);
        List<String> small = new ArrayList<>();
        for (WebElement target : ann.driver.findElements(By.cssSelector("button, input:not([type=hidden]), a.button"))) {
            if (target.isDisplayed() && (target.getSize().height < 44 || target.getSize().width < 44)) {
                small.add(target.getAccessibleName() + " " + target.getSize());
            }
        }
        assertThat(small).as("touch targets under 44 px").isEmpty();
    }

    @Test
    void everyVoteButtonNamesItsPlace() {
        PageUser ann = member("lunch-a11y", "Ann");

        List<WebElement> places = ann.driver.findElements(By.cssSelector(".venues li"));
        assertThat(places).isNotEmpty();
        for (WebElement place : places) {
            String name = place.findElement(By.cssSelector(".venue")).getText();
            assertThat(place.findElement(By.cssSelector("button")).getAccessibleName()).isEqualTo("Vote for " + name);
        }
        assertThat(ann.driver.findElement(By.cssSelector(".activity")).getAttribute("aria-live")).isEqualTo("polite");
    }

    @Test
    void screenshotsOfTheLiveArea() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        PageUser kim = member("lunch-looks", "Kim");
        kim.voteFor("Noodle Bar");
        for (Screen screen : Screen.values()) {
            for (boolean dark : new boolean[] {false, true}) {
                PageUser viewer = person(screen, dark).openLive("lunch-looks");
                String name = (dark ? "Dee" : "Lee") + "-" + screen.name().toLowerCase();
                viewer.join(name).awaitJoinedAs(name);
                viewer.voteFor(dark ? "Noodle Bar" : "Taco Stand");
                viewer.awaitText(By.cssSelector(".activity"), "You voted", PageUser.LIVE);
                viewer.driver.executeScript("window.scrollTo(0, 0); document.activeElement.blur();");
                Files.write(SCREENSHOTS.resolve("area-" + screen.name().toLowerCase() + (dark ? "-dark" : "-light") + ".png"),
                        viewer.screenshot());
                assertThat(viewer.consoleErrors()).isEmpty();
            }
        }
        PageUser home = person(Screen.PHONE, false).open("/");
        Files.write(SCREENSHOTS.resolve("home-phone-light.png"), home.screenshot());
    }

    /** Someone on a desktop who opened the area's page and joined under {@code name}. */
    private PageUser member(String area, String name) {
        return person(Screen.DESKTOP, false).openLive(area).join(name).awaitJoinedAs(name);
    }

    private PageUser person(Screen screen, boolean dark) {
        return person(screen, dark, true);
    }

    private PageUser person(Screen screen, boolean dark, boolean javascript) {
        return browser(screen, dark, javascript);
    }

    private Application startOnOurPort() {
        return start(Map.of());
    }

    private Application startOnOurPort(Map<String, String> more) {
        return start(more);
    }

    private int postJson(HttpClient client, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/json")
                .header("Origin", "http://127.0.0.1:" + httpPort)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
