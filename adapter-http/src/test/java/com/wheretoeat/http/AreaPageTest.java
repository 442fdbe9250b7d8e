package com.wheretoeat.http;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Username;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AreaPageTest {
    private final Site site = new Site();
    private final Browser ann = site.browser();
    private final Browser bob = site.browser();

    private AreaSnapshot office() {
        return result(site.app.snapshot(AreaName.of("office-3f")));
    }

    @Test
    void theHomePageExplainsAndOffersAFormToOpenAnArea() {
        Answer home = site.get("/");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.page().template()).isEqualTo("home");
        assertThat(home.html()).contains("<form method=\"get\" action=\"/open\"");
    }

    @Test
    void openingAnAreaByNameLeadsToItsPage() {
        Answer open = site.send(Site.fromHere("GET", "/open").withQuery("area", "Office-3F"));

        assertThat(open.redirect()).isEqualTo("/a/office-3f");
    }

    @Test
    void anAreaNameThatBreaksTheRulesIsExplainedOnTheHomePage() {
        Answer open = site.send(Site.fromHere("GET", "/open").withQuery("area", "<b>our place</b>"));

        assertThat(open.status()).isEqualTo(400);
        assertThat(open.model()).containsEntry("typed", "<b>our place</b>");
        assertThat(open.html()).contains("may hold only letters").contains("&lt;b&gt;our place&lt;/b&gt;")
                .doesNotContain("<b>our place");
    }

    @Test
    void aFirstVisitStartsNoSessionAndTheFirstJoinSetsACookieThatScriptsCannotRead() {
        Answer page = ann.open("office-3f");
        assertThat(page.cookie("wte_session")).as("reading needs no session").isEmpty();
        assertThat(site.sessions.count()).isZero();

        Answer joined = ann.join("office-3f", "Ann");

        assertThat(joined.status()).isEqualTo(303);
        assertThat(site.sessions.count()).isEqualTo(1);
        SetCookie cookie = joined.cookie("wte_session").orElseThrow();
        assertThat(cookie.value()).matches("[A-Za-z0-9_-]{43}"); // 256 bits
        assertThat(cookie.headerValue()).contains("Path=/", "HttpOnly", "SameSite=Lax").doesNotContain("Secure");
        assertThat(result(site.app.resumeSession(cookie.value()))).isPresent();
    }

    @Test
    void theCookieIsSecureWhenConfigured() {
        Site secure = new Site(settings -> settings.secureCookies(true));

        Browser browser = secure.browser();
        Answer page = browser.open("office-3f");

        assertThat(browser.join("office-3f", "Ann").cookie("wte_session").orElseThrow().headerValue()).contains("; Secure");
        assertThat(page.model()).containsEntry("wsUrl", "wss://lunch.example/live");
    }

    @Test
    void aKnownSessionIsKeptAndItsCookieRenewed() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");
        String session = ann.session();

        Answer again = ann.open("office-3f");

        assertThat(again.cookie("wte_session")).hasValueSatisfying(cookie -> {
            assertThat(cookie.value()).isEqualTo(session);
            assertThat(cookie.maxAgeSeconds()).isEqualTo(Duration.ofDays(30).toSeconds());
        });
        assertThat(ann.session()).isEqualTo(session);
    }

    @Test
    void aFormPostRenewsTheCookieOfTheSessionItResumed() {
        ann.open("office-3f");

        Answer joined = ann.join("office-3f", "Ann");
        Answer refused = ann.voteListed("office-3f", "example:closed-down");

        assertThat(joined.cookie("wte_session")).map(SetCookie::value).hasValue(ann.session());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.cookie("wte_session")).map(SetCookie::value).hasValue(ann.session());
    }

    @Test
    void anUnknownOrForgedCookieStartsNothingOnAViewAndIsReplacedAtTheJoin() {
        Answer page = site.send(Site.fromHere("GET", "/a/office-3f").withCookie("wte_session", "forged-token-0000000000000"));
        assertThat(page.cookie("wte_session")).isEmpty();

        Answer joined = site.send(Site.fromHere("POST", "/a/office-3f/join").withCookie("wte_session", "forged-token-0000000000000")
                .withHeader("Origin", "http://" + Site.HOST).withBody("application/x-www-form-urlencoded", "csrf=&name=Ann"));

        assertThat(joined.status()).isEqualTo(303);
        assertThat(joined.cookie("wte_session").orElseThrow().value()).isNotEqualTo("forged-token-0000000000000");
    }

    @Test
    void pageViewsAndSearchesStartNoSession() {
        for (int i = 0; i < 5; i++) {
            assertThat(site.send(Site.fromHere("GET", "/a/office-3f").withQuery("q", "noodle")).cookie("wte_session")).isEmpty();
            site.get("/");
            site.get("/api/areas/office-3f");
            site.get("/api/areas/office-3f/venues?query=taco");
            site.get("/api/areas/office-3f/me");
        }

        assertThat(site.sessions.count()).isZero();
    }

    @Test
    void thePageCarriesTheWebSocketUrlInADataAttribute() {
        Answer page = ann.open("office-3f");

        assertThat(page.model()).containsEntry("wsUrl", "ws://lunch.example/live");
        assertThat(page.html()).contains("data-ws-url=\"ws://lunch.example/live\"");
    }

    @Test
    void aHostileHostHeaderDoesNotReachThePage() {
        Answer page = site.send(Request.of("GET", "/a/office-3f").withHeader("Host", "evil\"><script>x</script>"));

        assertThat(page.model()).containsEntry("wsUrl", "ws://localhost/live");
    }

    @Test
    void joiningByFormRedirectsBackToTheAreaWhereTheMemberIsShown() {
        ann.open("office-3f");

        Answer joined = ann.join("office-3f", "Ann");

        assertThat(joined.redirect()).isEqualTo("/a/office-3f");
        Answer page = ann.open("office-3f");
        assertThat(page.list("members")).containsExactly(Map.of("name", "Ann", "you", true));
        assertThat(page.html()).contains("<li class=\"member you\">Ann <em class=\"you-mark\">(you)</em></li>");
    }

    @Test
    void aMemberSeesWhoTheyAreWithTheirOwnLinesMarkedInWords() {
        ann.open("office-3f");
        ann.join("office-3f", "<b>Ann</b>");
        ann.voteTyped("office-3f", "Pho Corner");
        bob.open("office-3f");
        bob.join("office-3f", "Bob");
        bob.voteTyped("office-3f", "Pho Corner");

        Answer page = ann.open("office-3f");

        assertThat(page.model()).containsEntry("member", true).containsEntry("you", "<b>Ann</b>");
        assertThat(page.list("members")).containsExactly(
                Map.of("name", "<b>Ann</b>", "you", true), Map.of("name", "Bob", "you", false));
        assertThat(page.list("votes")).extracting(v -> v.get("voter"), v -> v.get("venue"), v -> v.get("you"))
                .containsExactly(tuple("<b>Ann</b>", "Pho Corner", true), tuple("Bob", "Pho Corner", false));
        assertThat(page.html())
                .contains("<p class=\"you\">You are <strong class=\"you-name\">&lt;b&gt;Ann&lt;/b&gt;</strong>.</p>")
                .contains("<li class=\"member you\">&lt;b&gt;Ann&lt;/b&gt; <em class=\"you-mark\">(you)</em></li>")
                .contains("<li class=\"member\">Bob</li>")
                .contains("<li class=\"vote you\"><span class=\"voter\">&lt;b&gt;Ann&lt;/b&gt;</span> "
                        + "<em class=\"you-mark\">(you)</em> votes for")
                .contains("<li class=\"vote\"><span class=\"voter\">Bob</span> votes for")
                .doesNotContain("<b>Ann</b>");
    }

    @Test
    void aMemberIsOfferedToVoteRetractAndLeaveButNotToJoinAgain() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");

        String html = ann.open("office-3f").html();

        assertThat(section(html, "vote-box")).startsWith("<section class=\"vote-box\">")
                .contains("action=\"/a/office-3f/vote\"", "action=\"/a/office-3f/retract\"", "action=\"/a/office-3f/leave\"");
        assertThat(section(html, "join-box")).startsWith("<section class=\"join-box\" hidden>");
    }

    @Test
    void aVisitorWhoHasNotJoinedIsOfferedOnlyToJoin() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");

        Answer page = bob.open("office-3f");

        assertThat(page.model()).containsEntry("member", false).doesNotContainKey("you");
        assertThat(page.list("members")).containsExactly(Map.of("name", "Ann", "you", false));
        assertThat(section(page.html(), "join-box")).startsWith("<section class=\"join-box\">")
                .contains("action=\"/a/office-3f/join\"");
        assertThat(section(page.html(), "vote-box")).startsWith("<section class=\"vote-box\" hidden>");
        assertThat(page.html()).contains("<p class=\"you\" hidden>You are").doesNotContain("(you)");
    }

    @Test
    void afterLeavingTheJoinFormComesBack() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");
        ann.post("/a/office-3f/leave");

        Answer page = ann.open("office-3f");

        assertThat(page.model()).containsEntry("member", false);
        assertThat(section(page.html(), "join-box")).startsWith("<section class=\"join-box\">");
        assertThat(page.html()).contains("<p class=\"you\" hidden>");
    }

    @Test
    void aMemberOfAnotherAreaIsOnlyAVisitorHere() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");

        assertThat(ann.open("team").model()).containsEntry("member", false);
    }

    @Test
    void votingForAListedPlaceShowsTheVoteAndTheRanking() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");
        bob.open("office-3f");
        bob.join("office-3f", "Bob");

        assertThat(ann.voteListed("office-3f", "example:noodle-bar").redirect()).isEqualTo("/a/office-3f");
        assertThat(bob.voteListed("office-3f", "example:noodle-bar").redirect()).isEqualTo("/a/office-3f");

        Answer page = ann.open("office-3f");
        assertThat(page.list("ranking")).singleElement().satisfies(line -> assertThat(line)
                .containsEntry("name", "Noodle Bar").containsEntry("votes", 2).containsEntry("voters", "Ann, Bob"));
        assertThat(page.list("votes")).extracting(v -> v.get("voter"), v -> v.get("venue"), v -> v.get("you"))
                .containsExactly(tuple("Ann", "Noodle Bar", true), tuple("Bob", "Noodle Bar", false));
        assertThat(page.html()).contains("<strong class=\"venue\">Noodle Bar</strong> <span class=\"badge\">Leading</span> "
                + "<span class=\"badge mine\">Your vote</span> <span class=\"count\">2 votes</span>");
    }

    @Test
    void aPlaceCanBeTypedIn() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");

        assertThat(ann.voteTyped("office-3f", "Pho Corner").redirect()).isEqualTo("/a/office-3f");

        assertThat(office().tally().leader().orElseThrow().venue().name()).isEqualTo("Pho Corner");
    }

    @Test
    void theListedPlacesCanBeSearchedWithoutScript() {
        Answer page = ann.send(Site.fromHere("GET", "/a/office-3f").withQuery("q", "ramen"));

        assertThat(page.list("venues")).extracting(v -> v.get("name")).containsExactly("Noodle Bar");
        assertThat(page.model()).containsEntry("search", "ramen");
    }

    @Test
    void aFormCannotRenameAListedPlace() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");

        ann.post("/a/office-3f/vote", "venue", "example:noodle-bar", "name", "Free Beer");

        assertThat(office().tally().leader().orElseThrow().venue().name()).isEqualTo("Noodle Bar");
    }

    @Test
    void aVoteForAPlaceThatIsNotListedIsExplained() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");

        Answer refused = ann.voteListed("office-3f", "example:closed-down");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().code()).isEqualTo("bad-request");
        assertThat(refused.html()).contains("not offered here lately").contains("href=\"/a/office-3f\"");
    }

    @Test
    void retractingByFormTakesTheVoteBack() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");
        ann.voteListed("office-3f", "example:taco-stand");

        assertThat(ann.post("/a/office-3f/retract").redirect()).isEqualTo("/a/office-3f");

        assertThat(office().votes()).isEmpty();
        assertThat(ann.open("office-3f").html()).contains("No votes yet.");
    }

    @Test
    void leavingByFormFreesTheName() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");

        assertThat(ann.post("/a/office-3f/leave").redirect()).isEqualTo("/a/office-3f");

        assertThat(office().members()).isEmpty();
        bob.open("office-3f");
        assertThat(bob.join("office-3f", "Ann").status()).isEqualTo(303);
    }

    @Test
    void votingWithoutASessionIsRefusedAndStartsNone() {
        ann.open("office-3f");

        Answer refused = ann.voteListed("office-3f", "example:taco-stand");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html()).contains("reload the page");
        assertThat(site.sessions.count()).isZero();
    }

    @Test
    void votingBeforeJoiningAsksToJoinFirst() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");
        ann.open("elsewhere");

        Answer refused = ann.voteListed("elsewhere", "example:taco-stand");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error().code()).isEqualTo("not-joined");
        assertThat(refused.html()).contains("Please join the area with a name first.");
    }

    @Test
    void aTakenNameIsRefusedWithConflict() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");
        bob.open("office-3f");

        Answer refused = bob.join("office-3f", "Ann");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error().code()).isEqualTo("name-taken");
        assertThat(refused.html()).contains("The name &quot;Ann&quot; is already taken");
    }

    @Test
    void anEmptyNameIsABadRequest() {
        ann.open("office-3f");

        Answer refused = ann.join("office-3f", "   ");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().message()).isEqualTo("The name must not be empty.");
    }

    @Test
    void anAreaInCapitalsRedirectsToItsOneAddress() {
        assertThat(site.get("/a/Office-3F").redirect()).isEqualTo("/a/office-3f");
    }

    @Test
    void anInvalidAreaNameIsABadRequestPage() {
        Answer refused = site.get("/a/" + Browser.encode("<script>alert(1)</script>"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().code()).isEqualTo("bad-request");
        assertThat(refused.html()).doesNotContain("<script>alert");
    }

    @Test
    void aNameWithHtmlIsShownAsText() {
        ann.open("office-3f");
        ann.join("office-3f", "<img src=x onerror=alert(1)>");
        ann.voteTyped("office-3f", "<script>alert('pwned')</script>");

        String html = ann.open("office-3f").html();

        assertThat(html).doesNotContain("<img src=x").doesNotContain("<script>alert")
                .contains("&lt;img src&#61;x onerror&#61;alert(1)&gt;")
                .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;");
    }

    @Test
    void aVenueWithHtmlInTheListIsShownAsText() {
        Site hostile = new Site();
        Browser carol = hostile.browser();
        carol.open("office-3f");
        carol.join("office-3f", "Carol");
        carol.voteTyped("office-3f", "\"><b>Bold</b>");

        String html = carol.send(Site.fromHere("GET", "/a/office-3f").withQuery("q", "bold")).html();

        assertThat(html).doesNotContain("<b>Bold</b>").contains("&quot;&gt;&lt;b&gt;Bold&lt;/b&gt;");
    }

    @Test
    void theWholeFlowWorksForTwoPeople() {
        ann.open("team");
        bob.open("team");
        ann.join("team", "Ann");
        bob.join("team", "Bob");
        ann.voteListed("team", "example:sushi-go");
        bob.voteListed("team", "example:curry-house");
        bob.voteListed("team", "example:sushi-go");

        AreaSnapshot team = result(site.app.snapshot(AreaName.of("team")));
        assertThat(team.tally().ranking()).singleElement().satisfies(line -> {
            assertThat(line.venue().name()).isEqualTo("Sushi Go");
            assertThat(line.voters()).isEqualTo(List.of(Username.of("Ann"), Username.of("Bob")));
        });
    }

    @Test
    void aBigAreaShowsItsCountTheFirstHundredAndALinkToTheNext() {
        seat("office-3f", 130);

        Answer page = ann.open("office-3f");

        assertThat(page.model()).containsEntry("memberCount", 130).containsEntry("more", true)
                .containsEntry("moreText", "and 30 more").containsEntry("nextHref", "/a/office-3f?after=100")
                .containsEntry("laterPage", false);
        assertThat(page.list("members")).hasSize(AreaSnapshot.MEMBER_PAGE).first().isEqualTo(Map.of("name", "Member 1", "you", false));
        assertThat(page.list("members")).last().isEqualTo(Map.of("name", "Member 100", "you", false));
        assertThat(page.html()).contains("Who is here <span class=\"member-count\">(130)</span>")
                .contains("<div class=\"members-more\">")
                .contains("<span class=\"more-count\">and 30 more</span>")
                .contains("<a class=\"next-members\" href=\"/a/office-3f?after&#61;100\">Show more")
                .doesNotContain("Member 101<");
    }

    @Test
    void theLinkShowsTheMembersAfterTheLastOneShown() {
        seat("office-3f", 130);

        Answer next = ann.send(Site.fromHere("GET", "/a/office-3f").withQuery("after", "100"));

        assertThat(next.status()).isEqualTo(200);
        assertThat(next.list("members")).extracting(m -> m.get("name"))
                .containsExactlyElementsOf(names(101, 130));
        assertThat(next.model()).containsEntry("memberCount", 130).containsEntry("more", false)
                .containsEntry("laterPage", true).doesNotContainKey("nextHref");
        assertThat(next.html()).contains("Later arrivals, in order of joining. <a href=\"/a/office-3f\">Back to the first ones</a>")
                .contains("<div class=\"members-more\" hidden>").doesNotContain("Member 100<");
    }

    @Test
    void aPageInTheMiddleLinksOnWithoutClaimingACountItCannotKnow() {
        seat("office-3f", 250);

        Answer second = ann.send(Site.fromHere("GET", "/a/office-3f").withQuery("after", "100"));

        assertThat(second.list("members")).extracting(m -> m.get("name")).containsExactlyElementsOf(names(101, 200));
        assertThat(second.model()).containsEntry("memberCount", 250).containsEntry("more", true)
                .containsEntry("moreText", "and more").containsEntry("nextHref", "/a/office-3f?after=200");
    }

    @Test
    void aSmallAreaShowsEveryoneWithItsCountAndNoLink() {
        seat("office-3f", 3);

        Answer page = ann.open("office-3f");

        assertThat(page.list("members")).extracting(m -> m.get("name")).containsExactlyElementsOf(names(1, 3));
        assertThat(page.model()).containsEntry("memberCount", 3).containsEntry("more", false).doesNotContainKey("nextHref");
        assertThat(page.html()).contains("Who is here <span class=\"member-count\">(3)</span>")
                .contains("<div class=\"members-more\" hidden>").doesNotContain("Later arrivals");
    }

    @Test
    void theLinkToTheNextMembersKeepsTheSearch() {
        seat("office-3f", 101);

        Answer page = ann.send(Site.fromHere("GET", "/a/office-3f").withQuery("q", "ramen & rice"));

        assertThat(page.model()).containsEntry("nextHref", "/a/office-3f?q=ramen+%26+rice&after=100")
                .containsEntry("firstHref", "/a/office-3f?q=ramen+%26+rice");
        assertThat(page.list("venues")).isNotNull();
    }

    @Test
    void anAfterThatIsNoMembersSeqIsABadRequestPage() {
        for (String bad : List.of("-1", "abc", "1e3", "+5", "12.5", "١", "99999999999999999999")) {
            Answer refused = ann.send(Site.fromHere("GET", "/a/office-3f").withQuery("after", bad));

            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.error().code()).isEqualTo("bad-request");
            assertThat(refused.html()).contains("The after must be a whole number of 0 or more")
                    .contains("href=\"/a/office-3f\"");
        }
        assertThat(ann.send(Site.fromHere("GET", "/a/office-3f").withQuery("after", "0")).model())
                .as("0 is the start: the first page").containsEntry("laterPage", false);
    }

    @Test
    void aMemberFarDownTheListIsMarkedOnTheirPageAndTheFormsWorkFromThere() {
        seat("office-3f", 120);
        ann.open("office-3f");
        ann.join("office-3f", "Ann");

        Answer later = ann.send(Site.fromHere("GET", "/a/office-3f").withQuery("after", "100"));
        Answer voted = ann.voteTyped("office-3f", "Pho Corner");

        assertThat(later.list("members")).last().isEqualTo(Map.of("name", "Ann", "you", true));
        assertThat(later.model()).containsEntry("member", true).containsEntry("memberCount", 121);
        assertThat(later.html()).contains("<li class=\"member you\">Ann <em class=\"you-mark\">(you)</em></li>")
                .contains("action=\"/a/office-3f/vote\"");
        assertThat(voted.redirect()).isEqualTo("/a/office-3f");
        assertThat(ann.open("office-3f").list("members")).as("the first page, as before")
                .hasSize(AreaSnapshot.MEMBER_PAGE).doesNotContain(Map.of("name", "Ann", "you", true));
    }

    /** {@code count} members, "Member 1" to "Member {count}", who joined through the core in that order. */
    private void seat(String area, int count) {
        for (int i = 1; i <= count; i++) {
            result(site.app.join(result(site.app.startSession()), AreaName.of(area), Username.of("Member " + i)));
        }
    }

    private static List<String> names(int first, int last) {
        return java.util.stream.IntStream.rangeClosed(first, last).mapToObj(i -> "Member " + i).toList();
    }

    /** The section of the area page with this class, from its opening tag to its end. */
    private static String section(String html, String name) {
        int start = html.indexOf("<section class=\"" + name + "\"");
        assertThat(start).as("section " + name).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }
}
