package com.wheretoeat.app;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person using the area page in their own browser: what they do and what they see. */
final class PageUser implements AutoCloseable {
    /** How soon a change on one page must show on another. */
    static final Duration LIVE = Duration.ofSeconds(2);

    final ChromeDriver driver;
    private final String site;

    PageUser(ChromeDriver driver, String site) {
        this.driver = driver;
        this.site = site;
    }

    PageUser open(String path) {
        driver.get(site + path);
        return this;
    }

    /** Opens the area and waits until its live connection is up (a visitor's too). */
    PageUser openLive(String area) {
        open("/a/" + area);
        awaitText(By.id("live-status"), "Live", Duration.ofSeconds(10));
        return this;
    }

    PageUser join(String name) {
        type(By.id("name"), name);
        driver.findElement(By.cssSelector("form.join button")).click();
        return this;
    }

    /**
     * Does something that loads another page (a link, or a form posted without JavaScript), then waits until the
     * next page has replaced this one (the mark of this document is gone), so no check runs against a
     * document the browser is tearing down.
     */
    PageUser loadingNextPage(Function<PageUser, PageUser> action) {
        mark();
        action.apply(this);
        // While Chromium swaps documents any call may fail in passing; only the new document counts.
        new WebDriverWait(driver, LIVE, Duration.ofMillis(20)).ignoring(WebDriverException.class)
                .until(d -> !stillMarked() && "complete".equals(driver.executeScript("return document.readyState;")));
        return this;
    }

    PageUser awaitJoinedAs(String name) {
        return await(LIVE, d -> d.findElement(By.cssSelector(".you-name")).getText().equals(name)
                && d.findElement(By.cssSelector(".vote-box")).isDisplayed());
    }

    PageUser voteFor(String place) {
        driver.findElement(By.xpath("//ul[@class='venues']//li[.//span[@class='venue' and text()="
                + xpathLiteral(place) + "]]//button")).click();
        return this;
    }

    PageUser voteTyped(String place) {
        type(By.id("custom"), place);
        driver.findElement(By.cssSelector("form.custom button")).click();
        return this;
    }

    PageUser takeBack() {
        driver.findElement(By.cssSelector("form.retract button")).click();
        return this;
    }

    PageUser leave() {
        driver.findElement(By.cssSelector("form.leave button")).click();
        return this;
    }

    PageUser rename(String name) {
        type(By.id("new-name"), name);
        driver.findElement(By.cssSelector("form.rename button")).click();
        return this;
    }

    PageUser decideNow() {
        driver.findElement(By.cssSelector("form.decide button")).click();
        return this;
    }

    /** Sets the round's deadline {@code minutes} from now with the "in ... minutes" field. */
    PageUser deadlineIn(int minutes) {
        type(By.id("deadline-in"), String.valueOf(minutes));
        driver.findElement(By.cssSelector("form.deadline-in button")).click();
        return this;
    }

    /**
     * Sets the round's deadline at {@code time} ("12:15") with the time field: filled in as a time
     * picker would, since what keys a picker takes depends on the browser's locale.
     */
    PageUser deadlineAt(String time) {
        WebElement field = driver.findElement(By.id("deadline-at"));
        driver.executeScript("arguments[0].value = arguments[1];", field, time);
        driver.findElement(By.cssSelector("form.deadline-at button")).click();
        return this;
    }

    PageUser clearDeadline() {
        driver.findElement(By.cssSelector("form.deadline-clear button")).click();
        return this;
    }

    PageUser breakTie() {
        driver.findElement(By.cssSelector("form.break-tie button")).click();
        return this;
    }

    /** The latest decision as shown: "Today | Pho Corner | 4 of 6 votes, decided by Ann at 12:02", empty when hidden. */
    String decision() {
        WebElement box = driver.findElement(By.cssSelector(".decision-box"));
        if (!box.isDisplayed()) {
            return "";
        }
        String draw = box.findElement(By.cssSelector(".decision-draw")).getText();
        // The label is set in capitals by the style sheet; its words are as written.
        return box.findElement(By.cssSelector(".decision-label")).getAttribute("textContent") + " | "
                + box.findElement(By.cssSelector(".decision-place")).getText() + (draw.isEmpty() ? "" : " " + draw) + " | "
                + box.findElement(By.cssSelector(".decision-detail")).getText();
    }

    /** The round's deadline line: "Decides at 12:15 · in 4:32 (set by Ann)", or "No deadline yet." */
    String deadline() {
        return driver.findElement(By.cssSelector("p.deadline")).getText();
    }

    /** The decisions listed, newest first, each as "place (draw) detail". */
    List<String> history() {
        return driver.findElements(By.cssSelector(".history li")).stream()
                .map(line -> line.findElement(By.cssSelector(".past-place")).getText()
                        + line.findElements(By.cssSelector(".past-draw")).stream().map(d -> " " + d.getText()).findFirst().orElse("")
                        + " | " + line.findElement(By.cssSelector(".past-detail")).getText())
                .toList();
    }

    /** Asks the browser for its position and searches near it. */
    PageUser nearMe() {
        driver.findElement(By.id("near-me")).click();
        return this;
    }

    /** The map's markers by what they say to assistive tech: "Name", "Name, 2 votes", "Name, leading, 2 votes". */
    List<String> markers() {
        return driver.findElements(By.cssSelector("#map .leaflet-marker-icon")).stream()
                .map(marker -> marker.getAttribute("title")).toList();
    }

    PageUser awaitMarkers(String... titles) {
        return await(LIVE, d -> markers().stream().sorted().toList().equals(List.of(titles).stream().sorted().toList()));
    }

    /** Clicks the place's marker and waits for its popup. */
    PageUser openMarker(String place) {
        driver.findElements(By.cssSelector("#map .leaflet-marker-icon")).stream()
                .filter(marker -> marker.getAttribute("title").split(",")[0].equals(place)).findFirst().orElseThrow().click();
        return await(LIVE, d -> texts(".leaflet-popup .venue").equals(List.of(place)));
    }

    /** The vote button in the open popup. */
    WebElement popupVoteButton() {
        return driver.findElement(By.cssSelector(".leaflet-popup form.vote-for button"));
    }

    List<String> members() {
        return texts(".members li");
    }

    /** Each ranking line as "place: count voters" (badges left out). */
    List<String> ranking() {
        return driver.findElements(By.cssSelector(".ranking li")).stream()
                .map(line -> line.findElement(By.cssSelector(".venue")).getText() + ": "
                        + line.findElement(By.cssSelector(".count")).getText() + " "
                        + line.findElement(By.cssSelector(".voters")).getText())
                .toList();
    }

    List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    PageUser awaitMembers(String... names) {
        return await(LIVE, d -> members().equals(List.of(names)));
    }

    PageUser awaitRanking(String... lines) {
        return await(LIVE, d -> ranking().equals(List.of(lines)));
    }

    PageUser awaitText(By where, String text, Duration within) {
        return await(within, d -> d.findElements(where).stream().anyMatch(e -> e.getText().contains(text)));
    }

    PageUser await(Duration within, Function<WebDriver, Boolean> condition) {
        WebDriverWait wait = new WebDriverWait(driver, within, Duration.ofMillis(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(condition::apply);
        return this;
    }

    /** Marks this very document, so a test can tell that no reload happened since. */
    void mark() {
        driver.executeScript("window.wteMark = 'still here';");
    }

    boolean stillMarked() {
        return "still here".equals(driver.executeScript("return window.wteMark;"));
    }

    List<LogEntry> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                .toList();
    }

    byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    private void type(By field, String text) {
        WebElement input = driver.findElement(field);
        input.clear();
        input.sendKeys(text);
    }

    private static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        driver.quit();
    }
}
