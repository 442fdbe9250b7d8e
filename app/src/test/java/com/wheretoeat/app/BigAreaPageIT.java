package com.wheretoeat.app;

import static com.wheretoeat.app.PageUser.LIVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.app.Chromium.Screen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The area page of a big area in a real headless Chromium: the first hundred members and the count
 * of all, "Show more" for the rest, joins and leaves of a crowd (through the JSON API) arriving as
 * presence batches that update the count live, and the same page without JavaScript. A small area
 * still shows each join as it happens. Screenshots go to {@code target/screenshots/}.
 */
class BigAreaPageIT extends BrowserTestSite {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Notes the type and numbers of every message the page's live connection receives, before the page's script runs. */
    private static final String LISTEN_IN = """
            window.wteHeard = [];
            (function () {
              var Real = window.WebSocket;
              var Listened = function (url, protocols) {
                var socket = protocols === undefined ? new Real(url) : new Real(url, protocols);
                socket.addEventListener("message", function (message) {
                  try {
                    var m = JSON.parse(message.data);
                    window.wteHeard.push({ type: m.type, seq: m.seq === undefined ? -1 : m.seq, complete: m.complete !== false });
                  } catch (e) {}
                });
                return socket;
              };
              Listened.prototype = Real.prototype;
              window.WebSocket = Listened;
            })();""";

    private Crowd crowd;

    @BeforeEach
    void startApp() {
        httpPort = AppProcess.freePort();
        app = start(Map.of("SESSIONS_PER_ADDRESS_PER_MINUTE", "100000"));
        crowd = new Crowd(httpPort);
    }

    @Test
    void aBigAreaShowsTheFirstHundredAndHowManyMoreAndShowMoreBringsTheRest() {
        crowd.seat("lunch-big", 1, 130);
        PageUser kim = visitor(Screen.DESKTOP, false, "lunch-big");
        kim.mark();

        awaitList(kim, Crowd.names(1, 100), "(130)");
        assertThat(text(kim, ".more-count")).isEqualTo("and 30 more");
        WebElement more = kim.driver.findElement(By.cssSelector(".show-more"));
        assertThat(more.getTagName()).isEqualTo("button");
        assertThat(more.getAccessibleName()).isEqualTo("Show more people");
        assertThat(more.isDisplayed()).isTrue();
        assertThat(kim.driver.findElement(By.cssSelector(".next-members")).isDisplayed()).as("the link is for pages without script").isFalse();

        more.click();

        awaitList(kim, Crowd.names(1, 130), "(130)");
        assertThat(kim.driver.findElement(By.cssSelector(".members-more")).isDisplayed()).isFalse();
        assertThat(kim.driver.switchTo().activeElement().getText()).as("focus goes on to the first new name").isEqualTo("Member 101");
        assertThat(kim.driver.findElement(By.id("members-status")).getAttribute("textContent")).isEqualTo("Showing 130 of 130 people.");

        // Everyone is listed now, with room for a page more: newcomers join the list.
        crowd.seat("lunch-big", 131, 135);
        awaitList(kim, Crowd.names(1, 135), "(135)");
        assertThat(kim.stillMarked()).as("no reload").isTrue();
        assertThat(kim.consoleErrors()).isEmpty();
    }

    @Test
    void joinsAndLeavesOfACrowdArriveInBatchesThatUpdateTheCountButDoNotGrowTheList() {
        crowd.seat("lunch-crowd", 1, 130);
        PageUser kim = visitor(Screen.DESKTOP, false, "lunch-crowd");
        awaitList(kim, Crowd.names(1, 100), "(130)");

        crowd.seat("lunch-crowd", 131, 142);

        kim.await(LIVE, d -> text(kim, ".member-count").equals("(142)"));
        assertThat(text(kim, ".more-count")).isEqualTo("and 42 more");
        assertThat(listed(kim)).as("newcomers are counted, not listed").containsExactlyElementsOf(Crowd.names(1, 100));
        assertThat(heard(kim)).as("presence comes in batches").contains("presence").doesNotContain("member-joined");
        List<String> lines = kim.texts(".activity li");
        assertThat(lines.stream().mapToInt(BigAreaPageIT::joinedIn).sum()).as(lines.toString()).isEqualTo(12);
        assertThat(lines).as("one line a batch, not one a join").hasSize(Collections.frequency(heard(kim), "presence"));

        crowd.leave("lunch-crowd", Crowd.name(5));
        crowd.leave("lunch-crowd", Crowd.name(120));

        kim.await(LIVE, d -> text(kim, ".member-count").equals("(140)"));
        List<String> expected = new java.util.ArrayList<>(Crowd.names(1, 100));
        expected.remove(Crowd.name(5));
        awaitList(kim, expected, "(140)");
        assertThat(text(kim, ".more-count")).isEqualTo("and 41 more");
        assertThat(kim.texts(".activity li")).anyMatch(line -> line.matches("Member 005(, | and )?.*left.*"));
        assertThat(heard(kim)).doesNotContain("member-left");
        assertThat(kim.consoleErrors()).isEmpty();
    }

    @Test
    void whenABatchDoesNotNameEveryoneWhoLeftTheListHealsFromTheFirstPage() {
        crowd.seat("lunch-exodus", 1, 400);
        PageUser kim = visitor(Screen.DESKTOP, false, "lunch-exodus");
        awaitList(kim, Crowd.names(1, 100), "(400)");

        // 300 leaves at once: even spread over a few batches, one of them has more than 20 to name.
        crowd.leaveAtOnce("lunch-exodus", Crowd.names(1, 300));

        kim.await(LIVE, d -> text(kim, ".member-count").equals("(100)"));
        assertThat(cutBatches(kim)).as("a batch that names only 20 of those who left").isPositive();
        assertThat(kim.texts(".activity li")).anyMatch(line -> line.startsWith("20+ left"));
        // The first members are asked for again a few seconds later: only those still here are listed.
        kim.await(Duration.ofSeconds(20), d -> listed(kim).equals(Crowd.names(301, 400)));
        assertThat(kim.driver.findElement(By.cssSelector(".members-more")).isDisplayed()).isFalse();
        assertThat(kim.consoleErrors()).isEmpty();
    }

    @Test
    void aVoterBeyondTheListedOnesIsNotSaidToHaveLeftUntilTheyDo() {
        crowd.seat("lunch-voters", 1, 120);
        crowd.vote("lunch-voters", Crowd.name(3), "Pho Corner");
        crowd.vote("lunch-voters", Crowd.name(120), "Pho Corner");
        PageUser kim = visitor(Screen.DESKTOP, false, "lunch-voters");
        kim.awaitRanking("Pho Corner: 2 votes Member 003, Member 120");
        awaitList(kim, Crowd.names(1, 100), "(120)");
        assertThat(kim.texts(".votes .voter")).containsExactly(Crowd.name(3), Crowd.name(120));
        assertThat(kim.texts(".votes .left-mark")).as("the list is partial: Member 120 is there, only not listed").isEmpty();

        crowd.leave("lunch-voters", Crowd.name(120));
        crowd.leave("lunch-voters", Crowd.name(3));

        kim.await(LIVE, d -> text(kim, ".member-count").equals("(118)") && kim.texts(".votes .left-mark").size() == 2);
        assertThat(kim.texts(".votes li")).satisfiesExactly(
                line -> assertThat(line).startsWith(Crowd.name(3) + " (left) votes for Pho Corner"),
                line -> assertThat(line).startsWith(Crowd.name(120) + " (left) votes for Pho Corner"));
    }

    @Test
    void aSmallAreaStillShowsEachJoinAsItHappens() throws IOException {
        PageUser kim = visitor(Screen.DESKTOP, false, "lunch-small");
        assertThat(kim.driver.findElement(By.cssSelector(".members-more")).isDisplayed()).isFalse();

        for (int i = 1; i <= 3; i++) {
            crowd.seat("lunch-small", i, i);
            awaitList(kim, Crowd.names(1, i), "(" + i + ")");
            String joined = Crowd.name(i) + " joined";
            kim.await(LIVE, d -> kim.texts(".activity li").stream().findFirst().orElse("").startsWith(joined));
        }
        assertThat(kim.driver.findElement(By.cssSelector(".members-more")).isDisplayed()).isFalse();
        assertThat(heard(kim)).contains("member-joined").doesNotContain("presence");
        kim.join("Kim").awaitJoinedAs("Kim");
        awaitList(kim, List.of(Crowd.name(1), Crowd.name(2), Crowd.name(3), "Kim (you)"), "(4)");
        Files.createDirectories(SCREENSHOTS);
        kim.driver.executeScript("document.activeElement.blur(); document.querySelector('.activity-box').scrollIntoView();");
        Files.write(SCREENSHOTS.resolve("small-area-desktop-light.png"), kim.screenshot());
    }

    @Test
    void withoutJavaScriptALinkShowsTheNextMembersAndTheFormsStillWork() {
        crowd.seat("lunch-plain", 1, 130);
        PageUser lee = browser(Screen.DESKTOP, false, false).open("/a/lunch-plain");
        assertThat(listed(lee)).containsExactlyElementsOf(Crowd.names(1, 100));
        assertThat(text(lee, ".member-count")).isEqualTo("(130)");
        assertThat(text(lee, ".more-count")).isEqualTo("and 30 more");
        assertThat(lee.driver.findElement(By.cssSelector(".show-more")).isDisplayed()).isFalse();

        lee.loadingNextPage(p -> {
            p.driver.findElement(By.cssSelector("a.next-members")).click();
            return p;
        });

        assertThat(lee.driver.getCurrentUrl()).endsWith("/a/lunch-plain?after=100");
        assertThat(listed(lee)).containsExactlyElementsOf(Crowd.names(101, 130));
        assertThat(lee.driver.findElement(By.cssSelector(".members-more")).isDisplayed()).isFalse();
        lee.loadingNextPage(p -> p.join("Lee")).awaitJoinedAs("Lee");
        assertThat(lee.driver.getCurrentUrl()).endsWith("/a/lunch-plain");
        assertThat(text(lee, ".member-count")).isEqualTo("(131)");
        assertThat(text(lee, ".more-count")).isEqualTo("and 31 more");
        lee.loadingNextPage(p -> p.voteTyped("Pho Corner")).awaitRanking("Pho Corner: 1 vote Lee");
    }

    @Test
    void screenshotsOfABigArea() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        crowd.seat("lunch-company", 1, 130);
        crowd.vote("lunch-company", Crowd.name(7), "Noodle Bar");
        for (Screen screen : Screen.values()) {
            for (boolean dark : new boolean[] {false, true}) {
                int round = screen.ordinal() * 2 + (dark ? 1 : 0);
                int before = 130 + 11 * round;
                PageUser viewer = visitor(screen, dark, "lunch-company");
                viewer.await(LIVE, d -> takenOver(viewer) && text(viewer, ".member-count").equals("(" + before + ")")
                        && listed(viewer).size() == 100);
                crowd.seat("lunch-company", 131 + 12 * round, 142 + 12 * round);
                crowd.leave("lunch-company", Crowd.name(20 + round));
                viewer.await(LIVE, d -> text(viewer, ".member-count").equals("(" + (before + 11) + ")"));
                String name = "big-area-" + screen.name().toLowerCase() + (dark ? "-dark" : "-light");
                viewer.driver.executeScript("document.activeElement.blur(); document.querySelector('.activity-box').scrollIntoView();");
                Files.write(SCREENSHOTS.resolve(name + ".png"), viewer.screenshot());
                viewer.driver.executeScript("document.querySelector('.members-more').scrollIntoView({block: 'center'});");
                Files.write(SCREENSHOTS.resolve(name + "-more.png"), viewer.screenshot());
                assertThat(viewer.consoleErrors()).isEmpty();
            }
        }
        PageUser plain = browser(Screen.PHONE, false, false).open("/a/lunch-company");
        plain.driver.executeScript("document.querySelector('.members-more').scrollIntoView({block: 'center'});");
        Files.write(SCREENSHOTS.resolve("big-area-phone-nojs.png"), plain.screenshot());
        // Followed by address: a click on a phone's emulated touch screen with script off hangs in chromedriver.
        plain.open(plain.driver.findElement(By.cssSelector("a.next-members")).getAttribute("pathname")
                + plain.driver.findElement(By.cssSelector("a.next-members")).getAttribute("search"));
        plain.driver.executeScript("document.getElementById('members-title').scrollIntoView();");
        Files.write(SCREENSHOTS.resolve("big-area-phone-nojs-next.png"), plain.screenshot());
    }

    /** A visitor's page that notes what its live connection hears, once it is live. */
    private PageUser visitor(Screen screen, boolean dark, String area) {
        PageUser person = browser(screen, dark, true);
        person.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", LISTEN_IN));
        return person.openLive(area);
    }

    /** Waits until the page lists exactly {@code names}, in order, and counts {@code count}, as the script renders them. */
    private static void awaitList(PageUser person, List<String> names, String count) {
        person.await(LIVE, d -> takenOver(person) && text(person, ".member-count").equals(count) && listed(person).equals(names));
    }

    /** Whether the script renders the list (the server's link to the next page is hidden then). */
    private static boolean takenOver(PageUser person) {
        return Boolean.TRUE.equals(person.driver.executeScript("return document.querySelector('.next-members').hidden;"));
    }

    /** The names the list shows, read in one call (a hundred lines one by one would be slow). */
    @SuppressWarnings("unchecked")
    private static List<String> listed(PageUser person) {
        return (List<String>) person.driver.executeScript(
                "return Array.from(document.querySelectorAll('.members li'), li => li.textContent);");
    }

    /** How many presence batches the page heard that did not name everyone. */
    @SuppressWarnings("unchecked")
    private static long cutBatches(PageUser person) {
        List<Map<String, Object>> heard = (List<Map<String, Object>>) person.driver.executeScript("return window.wteHeard;");
        return heard.stream().filter(message -> "presence".equals(message.get("type")) && Boolean.FALSE.equals(message.get("complete"))).count();
    }

    @SuppressWarnings("unchecked")
    private static List<String> heard(PageUser person) {
        List<Map<String, Object>> heard = (List<Map<String, Object>>) person.driver.executeScript("return window.wteHeard;");
        return heard.stream().map(message -> (String) message.get("type")).toList();
    }

    private static String text(PageUser person, String css) {
        return person.driver.findElement(By.cssSelector(css)).getText();
    }

    /** How many joined by one line of the activity: "12 joined, 3 left", "20+ joined", "Ann and Bob joined". */
    static int joinedIn(String line) {
        Matcher who = Pattern.compile("^(.*?) joined").matcher(line);
        if (!who.find()) {
            return 0;
        }
        String names = who.group(1);
        if (names.matches("\\d+")) {
            return Integer.parseInt(names);
        }
        return names.split(", | and ").length;
    }
}
