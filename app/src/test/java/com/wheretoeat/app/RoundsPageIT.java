package com.wheretoeat.app;

import static com.wheretoeat.app.PageUser.LIVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.app.Chromium.Screen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Rounds on the area page in a real headless Chromium: a deadline set on one page counts down on
 * the other in each reader's own time, "Decide now" shows the same decision on both at once, a tie
 * is broken by the server's draw for both, the history follows, a voter who left still counts and
 * is shown as gone, and the page without JavaScript does all of it with forms (its times in UTC).
 * The app's clock is the machine's, so a deadline deciding by itself is left to the core's and the
 * live protocol's tests; here the page shows the deadline and its countdown. Screenshots go to
 * {@code target/screenshots/}.
 */
class RoundsPageIT extends BrowserTestSite {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private Crowd crowd;

    @BeforeEach
    void startApp() {
        httpPort = AppProcess.freePort();
        app = start(Map.of());
        crowd = new Crowd(httpPort);
    }

    @Test
    void twoPagesSeeTheDeadlineTheDecisionTheDrawAndTheHistoryTogether() {
        // Ann reads the time where it is about noon, Bob an hour further east: one deadline, two clocks.
        ZoneId annZone = zoneAroundNoon(0);
        ZoneId bobZone = zoneAroundNoon(1);
        PageUser ann = member("lunch-rounds", "Ann", annZone);
        PageUser bob = member("lunch-rounds", "Bob", bobZone);
        ann.awaitMembers("Ann (you)", "Bob");
        ann.mark();
        bob.mark();

        // Nothing to decide before anyone voted: the server's sentence, next to the button.
        ann.decideNow();
        ann.awaitText(By.id("round-error"), "Nobody has voted in this round yet, so there is nothing to decide.", LIVE);

        // Ann sets a deadline in 15 minutes; Bob sees it in his own time, counting down, and who set it.
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS); // the server's clock counts milliseconds
        ann.deadlineIn(15);
        for (PageUser page : List.of(ann, bob)) {
            page.await(LIVE, d -> page.deadline().startsWith("Decides at "));
        }
        Instant deadline = deadlineOn(ann);
        assertThat(deadlineOn(bob)).isEqualTo(deadline);
        assertThat(deadline).isBetween(before.plus(Duration.ofMinutes(15)), Instant.now().plus(Duration.ofMinutes(15)));
        assertThat(shownTime(ann)).satisfies(shown -> assertThat(clockReadings(deadline, annZone)).contains(shown));
        assertThat(shownTime(bob)).satisfies(shown -> assertThat(clockReadings(deadline, bobZone)).contains(shown));
        assertThat(bob.deadline()).matches("Decides at .+ · in 1[45]:\\d\\d \\(set by Ann\\)");
        String counted = countdown(bob);
        bob.await(Duration.ofSeconds(3), d -> !countdown(bob).equals(counted));
        assertThat(bob.driver.findElement(By.cssSelector(".countdown")).getAttribute("role")).isEqualTo("timer");
        assertThat(ann.driver.findElement(By.id("round-error")).isDisplayed()).as("the refusal went with the next request").isFalse();

        // Bob moves it to a time of his day: one gone already is refused on his page, a later one is taken.
        assertThat(bob.driver.findElement(By.cssSelector("label[for=deadline-at]")).getText())
                .as("the time field is read in the reader's own zone").startsWith("Or decide at (your time");
        LocalTime bobNow = LocalTime.now(bobZone);
        bob.deadlineAt(bobNow.minusMinutes(30).format(HH_MM));
        bob.awaitText(By.id("round-error"), "has passed already today", LIVE);
        assertThat(bob.driver.findElement(By.id("deadline-at")).getAttribute("aria-invalid")).isEqualTo("true");
        LocalTime later = bobNow.plusMinutes(30).truncatedTo(ChronoUnit.MINUTES);
        Instant moved = ZonedDateTime.of(LocalDate.now(bobZone), later, bobZone).toInstant();
        bob.deadlineAt(later.format(HH_MM));
        ann.await(LIVE, d -> deadlineOn(ann).equals(moved) && ann.deadline().endsWith("(set by Bob)"));
        assertThat(shownTime(ann)).satisfies(shown -> assertThat(clockReadings(moved, annZone)).contains(shown));
        assertThat(bob.driver.findElement(By.id("round-error")).isDisplayed()).isFalse();

        // Ann clears it, and both pages say so.
        ann.clearDeadline();
        for (PageUser page : List.of(ann, bob)) {
            page.await(LIVE, d -> page.deadline().equals("No deadline yet.")
                    && !d.findElement(By.cssSelector("form.deadline-clear")).isDisplayed());
        }

        // A 1-1 tie, decided by Bob: both pages show the same decision within a moment of each other,
        // and the round's votes and ranking are gone on both.
        ann.voteFor("Noodle Bar");
        bob.awaitRanking("Noodle Bar: 1 vote Ann");
        bob.voteFor("Taco Stand");
        ann.awaitRanking("Noodle Bar: 1 vote Ann", "Taco Stand: 1 vote Bob");
        noteWhenShown(ann, "A tie between Noodle Bar and Taco Stand");
        noteWhenShown(bob, "A tie between Noodle Bar and Taco Stand");
        bob.decideNow();
        for (PageUser page : List.of(ann, bob)) {
            page.await(LIVE, d -> page.decision().contains("A tie between Noodle Bar and Taco Stand")
                    && page.ranking().isEmpty() && page.texts(".votes li").isEmpty()
                    && d.findElement(By.cssSelector(".ranking-empty")).isDisplayed());
            assertThat(page.decision()).startsWith("Today | A tie between Noodle Bar and Taco Stand | 1 vote each of 2, decided by Bob at ");
            assertThat(page.driver.findElement(By.cssSelector("form.break-tie button")).isDisplayed()).isTrue();
            page.await(LIVE, d -> page.history().size() == 1);
        }
        assertThat(Math.abs(shownAt(ann) - shownAt(bob))).as("ms between the two pages showing the decision").isLessThan(1000);
        assertThat(ann.driver.findElement(By.id("decision-status")).getAttribute("textContent"))
                .as("announced in one sentence").startsWith("Today: A tie between Noodle Bar and Taco Stand, 1 vote each of 2, decided by Bob at ");
        assertThat(ann.texts(".activity li")).first().asString().startsWith("Bob decided: A tie between Noodle Bar and Taco Stand");

        // Ann breaks the tie: the server's draw, the same on both pages.
        ann.breakTie();
        for (PageUser page : List.of(ann, bob)) {
            page.await(LIVE, d -> page.decision().contains("Drawn: ")
                    && !d.findElement(By.cssSelector("form.break-tie")).isDisplayed());
        }
        assertThat(ann.decision()).isEqualTo(bob.decision().replace(timeIn(bob.decision()), timeIn(ann.decision())));
        String drawn = ann.decision().split(" \\| ")[1];
        assertThat(drawn).isIn("Drawn: Noodle Bar (tie between Noodle Bar and Taco Stand, drawn by Ann)",
                "Drawn: Taco Stand (tie between Noodle Bar and Taco Stand, drawn by Ann)");
        ann.await(LIVE, d -> "decision-title".equals(d.switchTo().activeElement().getAttribute("id"))); // focus stays with the decision
        bob.await(LIVE, d -> bob.history().size() == 1 && bob.history().get(0).startsWith(drawn));

        // The next round starts empty; Ann decides it, and the history lists both, newest first.
        bob.voteFor("Curry House");
        ann.awaitRanking("Curry House: 1 vote Bob");
        ann.decideNow();
        for (PageUser page : List.of(ann, bob)) {
            page.await(LIVE, d -> page.decision().startsWith("Today | Curry House | 1 of 1 vote, decided by Ann at ")
                    && page.history().size() == 2);
            assertThat(page.history().get(0)).startsWith("Curry House | 1 of 1 vote, decided by Ann at ");
            assertThat(page.history().get(1)).startsWith(drawn + " | 1 vote each of 2, decided by Bob at ");
        }
        assertThat(ann.texts(".activity li")).anyMatch(line -> line.startsWith("You broke the tie: "))
                .anyMatch(line -> line.startsWith("Bob set the deadline to "))
                .anyMatch(line -> line.startsWith("You cleared the deadline"));

        // Someone who opens the page now reads the same, from the live history.
        PageUser kim = inZone(browser(Screen.PHONE, false, true), annZone).openLive("lunch-rounds");
        kim.await(LIVE, d -> kim.history().equals(ann.history()) && kim.decision().equals(ann.decision()));
        assertThat(kim.driver.findElement(By.cssSelector(".round-box")).isDisplayed()).as("a visitor has no controls").isFalse();
        assertThat(ann.stillMarked() && bob.stillMarked()).as("no page was reloaded").isTrue();
        for (PageUser page : List.of(ann, bob, kim)) {
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aVoterWhoLeftStillCountsAndIsShownAsGoneAndThePageNeverSaysNobodyCame() {
        PageUser ann = member("lunch-leavers", "Ann", null);
        crowd.join("lunch-leavers", "Kim");
        crowd.vote("lunch-leavers", "Kim", "Noodle Bar");
        ann.awaitRanking("Noodle Bar: 1 vote Kim");

        crowd.leave("lunch-leavers", "Kim");

        ann.await(LIVE, d -> ann.texts(".votes li").size() == 1
                && ann.texts(".votes li").get(0).startsWith("Kim (left) votes for Noodle Bar"));
        ann.awaitMembers("Ann (you)");
        ann.leave();
        ann.await(LIVE, d -> d.findElement(By.cssSelector(".join-box")).isDisplayed() && ann.members().isEmpty());
        assertThat(ann.driver.findElement(By.cssSelector(".members-empty")).getText())
                .isEqualTo("Everyone has left; their votes count until they expire.");
        assertThat(ann.texts(".votes li")).singleElement().asString().startsWith("Kim (left) votes for Noodle Bar");
        assertThat(ann.ranking()).containsExactly("Noodle Bar: 1 vote Kim");

        PageUser plain = browser(Screen.DESKTOP, false, false).open("/a/lunch-leavers");
        assertThat(plain.texts(".votes li")).singleElement().asString().startsWith("Kim (left) votes for Noodle Bar");
        assertThat(plain.driver.findElement(By.cssSelector(".members-empty")).getText())
                .isEqualTo("Everyone has left; their votes count until they expire.");
    }

    @Test
    void withoutJavaScriptTheFormsDecideSetAndClearTheDeadlineInUtcAndBreakATie() {
        PageUser lee = browser(Screen.DESKTOP, false, false).open("/a/lunch-plain-rounds");
        lee.loadingNextPage(p -> p.join("Lee")).awaitJoinedAs("Lee");
        assertThat(lee.driver.findElement(By.cssSelector("label[for=deadline-at]")).getText()).isEqualTo("Or decide at (UTC)");

        lee.loadingNextPage(PageUser::decideNow);
        assertThat(lee.driver.findElement(By.cssSelector("p.error")).getText())
                .isEqualTo("Nobody has voted in this round yet, so there is nothing to decide.");
        assertThat(lee.driver.findElement(By.cssSelector("p.error")).getAttribute("data-code")).isEqualTo("nothing-to-decide");
        lee.open("/a/lunch-plain-rounds");

        lee.loadingNextPage(p -> p.voteFor("Green Bowl")).awaitRanking("Green Bowl: 1 vote Lee");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        lee.loadingNextPage(p -> p.deadlineIn(10));
        Instant deadline = deadlineOn(lee);
        assertThat(deadline).isBetween(before.plus(Duration.ofMinutes(10)), Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(lee.deadline()).isEqualTo("Decides at " + HH_MM.withZone(ZoneOffset.UTC).format(deadline)
                + " UTC · in 10 min (set by Lee)");

        lee.loadingNextPage(p -> p.deadlineAt("00:00"));
        assertThat(lee.driver.findElement(By.cssSelector("p.error")).getText())
                .isEqualTo("00:00 UTC has passed already today. Please pick a later time, or a number of minutes.");
        lee.open("/a/lunch-plain-rounds");
        LocalTime utcNow = LocalTime.now(ZoneOffset.UTC);
        if (utcNow.isBefore(LocalTime.of(23, 0))) { // a time later today in UTC (in the last hour of a UTC day there is none to pick)
            LocalTime later = utcNow.plusMinutes(30).truncatedTo(ChronoUnit.MINUTES);
            lee.loadingNextPage(p -> p.deadlineAt(later.format(HH_MM)));
            assertThat(lee.deadline()).startsWith("Decides at " + later.format(HH_MM) + " UTC · in ");
        }
        lee.loadingNextPage(PageUser::clearDeadline);
        assertThat(lee.deadline()).isEqualTo("No deadline yet.");

        // Max votes through the API and leaves; his vote counts on, and makes a tie.
        crowd.join("lunch-plain-rounds", "Max");
        crowd.vote("lunch-plain-rounds", "Max", "Pho Corner");
        crowd.leave("lunch-plain-rounds", "Max");
        lee.open("/a/lunch-plain-rounds");
        assertThat(lee.texts(".votes li")).anyMatch(line -> line.startsWith("Max (left) votes for Pho Corner"));

        lee.loadingNextPage(PageUser::decideNow);
        assertThat(lee.decision()).matches("Today \\| A tie between Green Bowl and Pho Corner \\| 1 vote each of 2, "
                + "decided by Lee at \\d\\d:\\d\\d UTC");
        assertThat(lee.ranking()).isEmpty();
        lee.loadingNextPage(PageUser::breakTie);
        assertThat(lee.decision()).matches("Today \\| Drawn: (Green Bowl|Pho Corner) \\(tie between Green Bowl and Pho Corner, "
                + "drawn by Lee\\) \\| 1 vote each of 2, decided by Lee at \\d\\d:\\d\\d UTC");
        assertThat(lee.driver.findElement(By.cssSelector("form.break-tie")).isDisplayed()).isFalse();
        assertThat(lee.history()).singleElement().asString().startsWith(lee.decision().split(" \\| ")[1] + " | 1 vote each of 2");

        // A page loaded before the draw (another tab) still has the button: the server says why not.
        lee.loadingNextPage(p -> {
            p.driver.executeScript("document.querySelector('form.break-tie').submit();");
            return p;
        });
        assertThat(lee.driver.findElement(By.cssSelector("p.error")).getText()).isEqualTo("This tie was broken already.");
    }

    @Test
    void screenshotsOfARoundWithADeadlineADrawnTieAndTheHistory() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        String area = "lunch-round-looks";
        crowd.join(area, "Ann");
        crowd.join(area, "Bob");
        crowd.vote(area, "Ann", "Noodle Bar");
        crowd.vote(area, "Bob", "Taco Stand");
        crowd.act(area, "Bob", "decide", "{}");
        crowd.act(area, "Ann", "break-tie", "{}");
        crowd.vote(area, "Ann", "Pho Corner");
        crowd.vote(area, "Bob", "Pho Corner");
        crowd.act(area, "Ann", "decide", "{}");
        crowd.join(area, "Kim");
        crowd.vote(area, "Kim", "Sushi Go");
        crowd.leave(area, "Kim");
        crowd.act(area, "Bob", "deadline", "{\"inMinutes\":25}");
        for (Screen screen : Screen.values()) {
            for (boolean dark : new boolean[] {false, true}) {
                PageUser viewer = browser(screen, dark, true).openLive(area);
                String name = (dark ? "Dee" : "Lee") + "-" + screen.name().toLowerCase();
                viewer.join(name).awaitJoinedAs(name);
                viewer.voteFor(dark ? "Noodle Bar" : "Taco Stand");
                viewer.awaitText(By.cssSelector(".activity"), "You voted", LIVE);
                viewer.await(LIVE, d -> viewer.history().size() == 2 && viewer.deadline().contains("(set by Bob)"));
                viewer.driver.executeScript("window.scrollTo(0, 0); document.activeElement.blur();");
                String file = "rounds-" + screen.name().toLowerCase() + (dark ? "-dark" : "-light");
                Files.write(SCREENSHOTS.resolve(file + ".png"), viewer.screenshot());
                Files.write(SCREENSHOTS.resolve(file + "-full.png"), fullPage(viewer));
                viewer.driver.executeScript("document.getElementById('round-title').scrollIntoView();");
                Files.write(SCREENSHOTS.resolve(file + "-decide.png"), viewer.screenshot());
                viewer.driver.executeScript("document.querySelector('.votes').scrollIntoView();");
                Files.write(SCREENSHOTS.resolve(file + "-history.png"), viewer.screenshot());
                assertThat(viewer.consoleErrors()).isEmpty();
                assertThat(viewer.driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;"))
                        .as("no sideways scrolling").isEqualTo(true);
            }
        }
        // A fresh tie, for how a tie waiting for its draw looks.
        crowd.act(area, "Ann", "decide", "{}");
        PageUser tie = browser(Screen.PHONE, false, true).openLive(area);
        tie.join("Tia").awaitJoinedAs("Tia");
        tie.await(LIVE, d -> tie.decision().contains("A tie between"));
        tie.driver.executeScript("window.scrollTo(0, 0); document.activeElement.blur();");
        Files.write(SCREENSHOTS.resolve("rounds-phone-light-tie.png"), tie.screenshot());
        PageUser plain = browser(Screen.PHONE, false, false).open("/a/" + area);
        Files.write(SCREENSHOTS.resolve("rounds-phone-nojs-full.png"), fullPage(plain));
    }

    /** Someone on a desktop who opened the area's page (reading the time in {@code zone}, if given) and joined. */
    private PageUser member(String area, String name, ZoneId zone) {
        PageUser person = browser(Screen.DESKTOP, false, true);
        if (zone != null) {
            inZone(person, zone);
        }
        return person.openLive(area).join(name).awaitJoinedAs(name);
    }

    /** The browser reads the time as a clock in {@code zone} does. */
    private static PageUser inZone(PageUser person, ZoneId zone) {
        person.driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone.getId()));
        return person;
    }

    /** A fixed-offset zone where it is about noon now, plus {@code hoursEast}: so no step of a test crosses midnight there. */
    private static ZoneId zoneAroundNoon(int hoursEast) {
        int offset = 12 - ZonedDateTime.now(ZoneOffset.UTC).getHour() + hoursEast;
        // The Etc/GMT zones count the other way round: Etc/GMT-2 is two hours east of UTC.
        return ZoneId.of(offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
    }

    private static Instant deadlineOn(PageUser page) {
        return Instant.parse(page.driver.findElement(By.cssSelector("p.deadline time")).getAttribute("datetime"));
    }

    private static String shownTime(PageUser page) {
        return page.driver.findElement(By.cssSelector("p.deadline time")).getText();
    }

    private static String countdown(PageUser page) {
        return page.driver.findElement(By.cssSelector("p.deadline .countdown")).getText();
    }

    /** How a clock in {@code zone} may read {@code at}, in the browser's locale: "13:05", "01:05 PM" or "1:05 PM". */
    private static List<String> clockReadings(Instant at, ZoneId zone) {
        LocalTime time = at.atZone(zone).toLocalTime();
        return List.of(time.format(HH_MM), time.format(DateTimeFormatter.ofPattern("hh:mm a", java.util.Locale.US)),
                time.format(DateTimeFormatter.ofPattern("h:mm a", java.util.Locale.US)));
    }

    /** The clock time at the end of a decision's detail ("... at 12:02 PM"). */
    private static String timeIn(String decision) {
        return decision.substring(decision.lastIndexOf(" at ") + 4);
    }

    /** Notes (in the page) when its decision first reads {@code text}. */
    private static void noteWhenShown(PageUser page, String text) {
        page.driver.executeScript("window.wteShownAt = null; var wanted = arguments[0];"
                + "new MutationObserver(function () {"
                + "  var box = document.querySelector('.decision-box');"
                + "  if (window.wteShownAt === null && !box.hidden && box.querySelector('.decision-place').textContent === wanted) {"
                + "    window.wteShownAt = Date.now();"
                + "  }"
                + "}).observe(document.getElementById('area'), {attributes: true, childList: true, subtree: true, characterData: true});",
                text);
    }

    private static long shownAt(PageUser page) {
        return (Long) page.driver.executeScript("return window.wteShownAt;");
    }

    /** The whole page, not only what the window shows. */
    @SuppressWarnings("unchecked")
    private static byte[] fullPage(PageUser page) {
        Map<String, Object> metrics = page.driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> shot = page.driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0,
                        "width", ((Number) size.get("width")).doubleValue(),
                        "height", ((Number) size.get("height")).doubleValue(), "scale", 1)));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }
}
