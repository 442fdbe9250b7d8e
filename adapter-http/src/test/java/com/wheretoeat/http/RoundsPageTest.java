package com.wheretoeat.http;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rounds on the page without script: the forms that decide, set and clear the deadline and break a
 * tie, and the page that shows the deadline (in UTC, and says so), the latest decision and the history.
 */
class RoundsPageTest {
    private static final String AREA = "office-3f";

    private final Site site = new Site();
    private final Browser ann = site.browser();
    private final Browser bob = site.browser();

    private AreaSnapshot office() {
        return result(site.app.snapshot(AreaName.of(AREA)));
    }

    private void joinedAndVoted(Browser who, String name, String venueId) {
        who.open(AREA);
        assertThat(who.join(AREA, name).status()).isEqualTo(303);
        assertThat(who.voteListed(AREA, venueId).status()).isEqualTo(303);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Answer page, String name) {
        return (Map<String, Object>) page.model().get(name);
    }

    @Test
    void aMemberDecidesByFormAndEveryoneSeesTheDecisionTheHistoryAndANewRoundWithoutVotes() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");
        joinedAndVoted(bob, "Bob", "example:noodle-bar");
        site.clock.advance(Duration.ofMinutes(17));

        Answer decided = ann.post("/a/office-3f/decide");
        Answer page = bob.open(AREA);
        Answer visitor = site.browser().open(AREA);

        assertThat(decided.redirect()).isEqualTo("/a/office-3f");
        assertThat(office().votes()).isEmpty();
        assertThat(map(page, "decision")).containsEntry("label", "Today").containsEntry("headline", "Noodle Bar")
                .containsEntry("detail", "2 of 2 votes, decided by Ann at 12:02 UTC").containsEntry("breakable", false)
                .containsEntry("sentence", "Today: Noodle Bar, 2 of 2 votes, decided by Ann at 12:02 UTC.")
                .doesNotContainKey("draw");
        assertThat(page.list("votes")).isEmpty();
        assertThat(page.list("ranking")).isEmpty();
        assertThat(page.list("history")).extracting(line -> line.get("headline")).containsExactly("Noodle Bar");
        assertThat(page.html())
                .contains("<section class=\"decision-box\" aria-labelledby=\"decision-title\">")
                .contains("<span class=\"decision-label\">Today</span>")
                .contains("<strong class=\"decision-place\">Noodle Bar</strong>")
                .contains("<p class=\"decision-detail\">2 of 2 votes, decided by Ann at 12:02 UTC</p>")
                .contains("<li class=\"past\" data-round=\"1\"><span class=\"past-label\">Today</span> "
                        + "<strong class=\"past-place\">Noodle Bar</strong> <small class=\"past-detail\">"
                        + "2 of 2 votes, decided by Ann at 12:02 UTC</small></li>")
                .contains("<p class=\"empty history-empty\" hidden>")
                .contains("No votes yet.");
        assertThat(visitor.html()).as("a visitor reads the decision too")
                .contains("<strong class=\"decision-place\">Noodle Bar</strong>")
                .contains("<section class=\"round-box\" aria-labelledby=\"round-title\" hidden>");
    }

    @Test
    void beforeAnyDecisionThePageSaysSoAndAMemberIsOfferedToDecideAndSetADeadline() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");

        Answer page = ann.open(AREA);

        assertThat(page.model()).doesNotContainKey("decision").doesNotContainKey("deadline")
                .containsEntry("hasHistory", false).containsEntry("canBreakTie", false);
        assertThat(page.html())
                .contains("<section class=\"decision-box\" aria-labelledby=\"decision-title\" hidden>")
                .contains("<p class=\"deadline\">No deadline yet.</p>")
                .contains("<section class=\"round-box\" aria-labelledby=\"round-title\">")
                .contains("action=\"/a/office-3f/decide\"")
                .contains("<input id=\"deadline-at\" name=\"at\" type=\"time\"")
                .contains("<label for=\"deadline-at\">Or decide at <span id=\"deadline-zone\" class=\"zone\">(UTC)</span></label>")
                .contains("<input id=\"deadline-in\" name=\"inMinutes\" type=\"number\" min=\"1\" max=\"1440\"")
                .contains("<form method=\"post\" action=\"/a/office-3f/deadline\" class=\"deadline-clear\" hidden>")
                .contains("<form method=\"post\" action=\"/a/office-3f/break-tie\" class=\"break-tie\" hidden>")
                .contains("Nothing decided here yet.");
    }

    @Test
    void decidingARoundWithoutVotesIsRefusedOnTheErrorPage() {
        ann.open(AREA);
        ann.join(AREA, "Ann");

        Answer refused = ann.post("/a/office-3f/decide");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error().code()).isEqualTo("nothing-to-decide");
        assertThat(refused.html()).contains("Nobody has voted in this round yet, so there is nothing to decide.")
                .contains("href=\"/a/office-3f\"");
        assertThat(refused.cookie("wte_session")).as("the session is renewed with a refusal too").isPresent();
    }

    @Test
    void aDeadlineInMinutesIsShownInUtcWithWhoSetItAndHowLongIsLeft() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");

        Answer set = ann.post("/a/office-3f/deadline", "inMinutes", "15");
        Answer page = bob.open(AREA);

        assertThat(set.redirect()).isEqualTo("/a/office-3f");
        assertThat(office().round().deadline()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
        assertThat(map(page, "deadline")).containsEntry("time", "12:00 UTC").containsEntry("in", "in 15 min")
                .containsEntry("by", "Ann");
        assertThat(page.html()).contains("<p class=\"deadline\">Decides at <time datetime=\"2026-11-20T12:00:00Z\">"
                + "12:00 UTC</time> · <span class=\"countdown\">in 15 min</span> <small class=\"deadline-by\">(set by Ann)</small></p>");
        assertThat(ann.open(AREA).html()).as("the member may clear it")
                .contains("<form method=\"post\" action=\"/a/office-3f/deadline\" class=\"deadline-clear\">");
    }

    @Test
    void aDeadlineAtATimeOfDayIsThatTimeTodayInUtc() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");

        assertThat(ann.post("/a/office-3f/deadline", "at", "12:15").status()).isEqualTo(303);
        assertThat(office().round().deadline()).isEqualTo(Instant.parse("2026-11-20T12:15:00Z"));
        assertThat(ann.post("/a/office-3f/deadline", "at", "13:30:00").status()).as("as a time field may send it")
                .isEqualTo(303);
        assertThat(office().round().deadline()).isEqualTo(Instant.parse("2026-11-20T13:30:00Z"));
        assertThat(ann.post("/a/office-3f/deadline", "at", " 9:05 ", "inMinutes", "").status()).isEqualTo(400);
        assertThat(map(ann.open(AREA), "deadline")).containsEntry("in", "in 1 h 45 min");
    }

    @Test
    void aTimeThatHasPassedOrIsNoTimeAndMinutesOutOfRangeAreRefusedOnTheErrorPage() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");

        Answer passed = ann.post("/a/office-3f/deadline", "at", "11:30");
        assertThat(passed.status()).isEqualTo(400);
        assertThat(passed.error().code()).isEqualTo("bad-request");
        assertThat(passed.html()).contains("11:30 UTC has passed already today. Please pick a later time, or a number of minutes.")
                .contains("href=\"/a/office-3f\"");
        for (String bad : List.of("25:00", "12:60", "noon", "1215", "12:5")) {
            assertThat(ann.post("/a/office-3f/deadline", "at", bad).error().message()).as(bad)
                    .isEqualTo("The time must be a time of day such as 12:15 (UTC).");
        }
        for (String bad : List.of("0", "1441", "ten", "-5", "1.5", "99999")) {
            assertThat(ann.post("/a/office-3f/deadline", "inMinutes", bad).error().message()).as(bad)
                    .isEqualTo("The minutes must be a whole number from 1 to 1440.");
        }
        assertThat(ann.post("/a/office-3f/deadline", "at", "", "inMinutes", " ").error().message())
                .isEqualTo("Please say when: a time such as 12:15 (UTC), or a number of minutes.");
        assertThat(office().round().deadline()).isNull();
    }

    @Test
    void theDeadlineIsClearedByForm() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");
        ann.post("/a/office-3f/deadline", "inMinutes", "30");

        Answer cleared = ann.post("/a/office-3f/deadline", "clear", "yes");
        Answer page = ann.open(AREA);

        assertThat(cleared.redirect()).isEqualTo("/a/office-3f");
        assertThat(office().round().deadline()).isNull();
        assertThat(page.model()).doesNotContainKey("deadline");
        assertThat(page.html()).contains("<p class=\"deadline\">No deadline yet.</p>")
                .contains("class=\"deadline-clear\" hidden>");
    }

    @Test
    void aDeadlineThatCameDecidedTheRoundAndThePageSaysTheDeadlineDid() {
        joinedAndVoted(ann, "Ann", "example:taco-stand");
        ann.post("/a/office-3f/deadline", "inMinutes", "15");
        site.clock.advance(Duration.ofMinutes(16));
        result(site.store.expire(AreaName.of(AREA), site.clock.now()));

        Answer page = ann.open(AREA);

        assertThat(map(page, "decision")).containsEntry("headline", "Taco Stand")
                .containsEntry("detail", "1 of 1 vote, decided at the deadline, 12:00 UTC");
        assertThat(page.html()).contains("<p class=\"deadline\">No deadline yet.</p>");
    }

    @Test
    void aTieIsShownAsATieAndBrokenByTheServersDrawOnce() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");
        joinedAndVoted(bob, "Bob", "example:taco-stand");
        bob.post("/a/office-3f/decide");

        Answer tie = ann.open(AREA);
        assertThat(map(tie, "decision")).containsEntry("headline", "A tie between Noodle Bar and Taco Stand")
                .containsEntry("detail", "1 vote each of 2, decided by Bob at 11:45 UTC").containsEntry("breakable", true);
        assertThat(tie.html()).contains("<form method=\"post\" action=\"/a/office-3f/break-tie\" class=\"break-tie\">")
                .contains("Break the tie</button>");
        assertThat(site.browser().open(AREA).html()).as("a visitor cannot draw")
                .contains("class=\"break-tie\" hidden>");

        Answer drawn = ann.post("/a/office-3f/break-tie");
        Answer page = bob.open(AREA);
        Answer again = bob.post("/a/office-3f/break-tie");

        assertThat(drawn.redirect()).isEqualTo("/a/office-3f");
        assertThat(map(page, "decision")).containsEntry("headline", "Drawn: Taco Stand")
                .containsEntry("draw", "(tie between Noodle Bar and Taco Stand, drawn by Ann)")
                .containsEntry("breakable", false)
                .containsEntry("sentence", "Today: Drawn: Taco Stand (tie between Noodle Bar and Taco Stand, drawn by Ann), "
                        + "1 vote each of 2, decided by Bob at 11:45 UTC.");
        assertThat(page.html()).contains("<strong class=\"decision-place\">Drawn: Taco Stand</strong> "
                + "<span class=\"decision-draw\">(tie between Noodle Bar and Taco Stand, drawn by Ann)</span>")
                .contains("class=\"break-tie\" hidden>")
                .contains("<span class=\"past-draw\">(tie between Noodle Bar and Taco Stand, drawn by Ann)</span>");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error().code()).isEqualTo("no-tie");
        assertThat(again.html()).contains("This tie was broken already.");
    }

    @Test
    void breakingATieWhereThereIsNoneIsRefusedOnTheErrorPage() {
        ann.open(AREA);
        ann.join(AREA, "Ann");

        Answer refused = ann.post("/a/office-3f/break-tie");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error().code()).isEqualTo("no-tie");
        assertThat(refused.html()).contains("Nothing has been decided here yet");
    }

    @Test
    void theHistoryListsTheDecisionsNewestFirst() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");
        ann.post("/a/office-3f/decide");
        site.clock.advance(Duration.ofMinutes(5));
        ann.voteListed(AREA, "example:taco-stand");
        ann.post("/a/office-3f/decide");

        Answer page = ann.open(AREA);

        assertThat(page.list("history")).extracting(line -> line.get("round"), line -> line.get("headline"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "Taco Stand"),
                        org.assertj.core.groups.Tuple.tuple(1L, "Noodle Bar"));
        assertThat(map(page, "decision")).containsEntry("headline", "Taco Stand");
    }

    @Test
    void roundFormsNeedTheSessionAndTheTokenLikeEveryOtherForm() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");

        for (String path : List.of("/a/office-3f/decide", "/a/office-3f/deadline", "/a/office-3f/break-tie")) {
            Request forged = Site.fromHere("POST", path).withHeader("Origin", "https://evil.example")
                    .withBody("application/x-www-form-urlencoded", "csrf=" + ann.csrf() + "&inMinutes=5");
            Request tokenless = Site.fromHere("POST", path).withHeader("Origin", "http://" + Site.HOST)
                    .withBody("application/x-www-form-urlencoded", "inMinutes=5");
            Request cookieless = ann.formPost(path, "inMinutes", "5");

            assertThat(ann.send(forged).status()).as(path).isEqualTo(403);
            assertThat(ann.send(tokenless).status()).as(path).isEqualTo(403);
            assertThat(site.send(cookieless).status()).as(path).isEqualTo(403);
        }
        assertThat(office().round().number()).isEqualTo(1);
        assertThat(office().round().deadline()).isNull();
    }

    @Test
    void aVisitorWhoPostsARoundFormIsAskedToJoinFirst() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");
        ann.open("elsewhere");

        Answer refused = ann.post("/a/elsewhere/decide");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error().code()).isEqualTo("not-joined");
    }

    @Test
    void aVoterWhoLeftIsMarkedAsSuchAndThePageNeverSaysNobodyJoinedBesideTheirVote() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");
        joinedAndVoted(bob, "Kim", "example:noodle-bar");
        bob.post("/a/office-3f/leave");

        Answer withAnn = ann.open(AREA);
        ann.post("/a/office-3f/leave");
        Answer nobody = ann.open(AREA);

        assertThat(withAnn.list("votes")).extracting(vote -> vote.get("voter"), vote -> vote.get("left"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Ann", false),
                        org.assertj.core.groups.Tuple.tuple("Kim", true));
        assertThat(withAnn.html()).contains("<span class=\"voter\">Kim</span> <em class=\"left-mark\">(left)</em> votes for")
                .contains("<span class=\"voter\">Ann</span> <em class=\"you-mark\">(you)</em> votes for");
        assertThat(nobody.html()).contains("Everyone has left; their votes count until they expire.")
                .doesNotContain("Nobody has joined yet.");
    }

    @Test
    void inABigAreaAVoterWhoIsOnlyNotListedIsNotSaidToHaveLeft() {
        for (int i = 1; i <= 101; i++) {
            result(site.app.join(result(site.app.startSession()), AreaName.of(AREA), Username.of("Member " + i)));
        }
        joinedAndVoted(ann, "Ann", "example:noodle-bar");

        Answer page = bob.open(AREA);

        assertThat(page.list("votes")).singleElement().satisfies(vote -> assertThat(vote).containsEntry("left", false));
        assertThat(page.html()).doesNotContain("(left)");
    }
}
