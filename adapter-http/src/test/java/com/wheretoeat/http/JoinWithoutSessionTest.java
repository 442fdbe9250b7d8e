package com.wheretoeat.http;

import com.wheretoeat.core.WhereToEatBuilder;
import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.AreaName;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The first join starts the session, over a form or the API, within the limit of new sessions per
 * client address; a visitor's join form has no token, so only a proven same-origin post is taken.
 */
class JoinWithoutSessionTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    private final Site site = new Site();

    private static Request formJoin(String name) {
        return Site.fromHere("POST", "/a/office-3f/join").withBody(FORM, "csrf=&name=" + name);
    }

    private static Request apiJoin(String name, String client) {
        return Site.fromHere("POST", "/api/areas/office-3f/join").withClient(client)
                .withBody("application/json", "{\"name\":\"" + name + "\"}");
    }

    private boolean joined(String name) {
        return result(site.app.snapshot(AreaName.of("office-3f"))).members().stream()
                .anyMatch(member -> member.name().value().equals(name));
    }

    @Test
    void aVisitorsJoinFormFromOurOwnPageStartsExactlyOneSession() {
        Answer byOrigin = site.send(formJoin("Ann").withHeader("Origin", "http://" + Site.HOST));
        Answer byReferer = site.send(formJoin("Bob").withHeader("Referer", "http://" + Site.HOST + "/a/office-3f"));
        Answer byFetchSite = site.send(formJoin("Cy").withHeader("Sec-Fetch-Site", "same-origin"));

        assertThat(byOrigin.status()).isEqualTo(303);
        assertThat(byReferer.status()).isEqualTo(303);
        assertThat(byFetchSite.status()).isEqualTo(303);
        assertThat(site.sessions.count()).isEqualTo(3);
        assertThat(joined("Ann") && joined("Bob") && joined("Cy")).isTrue();
    }

    @Test
    void aVisitorsJoinFormFromAnotherSiteIsRefusedAndStartsNothing() {
        Answer forged = site.send(formJoin("Ann").withHeader("Origin", "https://evil.example"));
        Answer sneaky = site.send(formJoin("Ann").withHeader("Sec-Fetch-Site", "cross-site"));
        Answer referred = site.send(formJoin("Ann").withHeader("Referer", "https://evil.example/x"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(sneaky.status()).isEqualTo(403);
        assertThat(referred.status()).isEqualTo(403);
        assertThat(site.sessions.count()).isZero();
        assertThat(joined("Ann")).isFalse();
    }

    @Test
    void aVisitorsJoinFormWithoutProofOfOriginIsRefused() {
        Answer unproven = site.send(formJoin("Ann"));

        assertThat(unproven.status()).isEqualTo(403);
        assertThat(unproven.error().code()).isEqualTo("forbidden");
        assertThat(site.sessions.count()).isZero();
    }

    @Test
    void withASessionTheFormsTokenStillVouchesForAJoin() {
        Browser ann = site.browser();
        ann.open("office-3f");
        ann.join("office-3f", "Ann");
        ann.open("office-3f");

        Answer rename = ann.send(Site.fromHere("POST", "/a/office-3f/join")
                .withBody(FORM, "csrf=" + Browser.encode(ann.csrf()) + "&name=Annie"));
        Answer forged = ann.send(Site.fromHere("POST", "/a/office-3f/join").withBody(FORM, "csrf=wrong&name=Eve"));

        assertThat(rename.status()).as("no origin headers, the right token").isEqualTo(303);
        assertThat(forged.status()).as("no origin headers, a wrong token").isEqualTo(403);
        assertThat(joined("Annie")).isTrue();
        assertThat(joined("Eve")).isFalse();
    }

    @Test
    void pastItsNewSessionsAMinuteAnAddressIsRateLimitedWhileOthersStillJoin() {
        int limit = WhereToEatBuilder.DEFAULT_SESSIONS_PER_CLIENT_PER_MINUTE;
        for (int i = 0; i < limit; i++) {
            assertThat(site.send(apiJoin("Bot " + i, "192.0.2.1")).status()).isEqualTo(200);
        }

        Answer limited = site.send(apiJoin("Bot " + limit, "192.0.2.1"));
        Answer limitedForm = site.send(formJoin("Bot " + (limit + 1)).withClient("192.0.2.1").withHeader("Origin", "http://" + Site.HOST));
        Answer other = site.send(apiJoin("Ann", "192.0.2.2"));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().at("/error/code").asText()).isEqualTo("rate-limited");
        assertThat(limited.json().at("/error/message").asText()).contains("minute");
        assertThat(limited.cookie("wte_session")).isEmpty();
        assertThat(limitedForm.status()).isEqualTo(429);
        assertThat(limitedForm.error().code()).isEqualTo("rate-limited");
        assertThat(other.status()).isEqualTo(200);
        assertThat(site.sessions.count()).isEqualTo(limit + 1);

        site.clock.advance(Duration.ofMillis(60_000 / limit));
        assertThat(site.send(apiJoin("Bot late", "192.0.2.1")).status()).as("one back after a minute / limit").isEqualTo(200);
    }

    @Test
    void aClientThatHasASessionIsNotLimitedByNewOnesFromItsAddress() {
        Answer first = site.send(apiJoin("Ann", "192.0.2.1"));
        String session = first.cookie("wte_session").orElseThrow().value();
        for (int i = 0; i < WhereToEatBuilder.DEFAULT_SESSIONS_PER_CLIENT_PER_MINUTE; i++) {
            site.send(apiJoin("Bot " + i, "192.0.2.1"));
        }
        assertThat(site.send(apiJoin("Bot late", "192.0.2.1")).status()).as("the address used its new sessions").isEqualTo(429);

        Answer again = site.send(apiJoin("Annie", "192.0.2.1").withCookie("wte_session", session));
        Answer vote = site.send(Site.fromHere("POST", "/api/areas/office-3f/vote").withClient("192.0.2.1")
                .withCookie("wte_session", session).withBody("application/json", "{\"venue\":{\"name\":\"Pho\"}}"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(vote.status()).isEqualTo(200);
    }

    @Test
    void theLivePageHandsOverItsNewSessionForTheCookie() {
        Answer joined = site.send(apiJoin("Ann", "192.0.2.1"));
        String session = joined.cookie("wte_session").orElseThrow().value();

        Answer adopted = site.send(Site.fromHere("POST", "/api/session").withHeader("Origin", "http://" + Site.HOST)
                .withBody("application/json", "{\"session\":\"" + session + "\"}"));
        Answer unknown = site.send(Site.fromHere("POST", "/api/session")
                .withBody("application/json", "{\"session\":\"never-issued-0000000000000000000\"}"));
        Answer foreign = site.send(Site.fromHere("POST", "/api/session").withHeader("Origin", "https://evil.example")
                .withBody("application/json", "{\"session\":\"" + session + "\"}"));

        assertThat(adopted.status()).isEqualTo(200);
        assertThat(adopted.cookie("wte_session").orElseThrow().headerValue()).contains("HttpOnly");
        assertThat(adopted.json().path("csrf").asText()).isEqualTo(Csrf.tokenFor(new com.wheretoeat.core.model.SessionId(session)));
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.cookie("wte_session")).isEmpty();
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(site.sessions.count()).as("adopting starts nothing").isEqualTo(1);
    }

    @Test
    void askingForTheBrowsersSessionResumesItsCookieOrStartsOneOnlyForThisSite() {
        Answer started = site.send(Site.fromHere("POST", "/api/session").withHeader("Origin", "http://" + Site.HOST)
                .withBody("application/json", "{}"));
        String session = started.cookie("wte_session").orElseThrow().value();
        Answer again = site.send(Site.fromHere("POST", "/api/session").withHeader("Origin", "http://" + Site.HOST)
                .withCookie("wte_session", session).withBody("application/json", "{}"));
        Answer foreign = site.send(Site.fromHere("POST", "/api/session").withHeader("Origin", "https://evil.example")
                .withBody("application/json", "{}"));

        assertThat(started.status()).isEqualTo(200);
        assertThat(started.json().path("csrf").asText()).isEqualTo(Csrf.tokenFor(new com.wheretoeat.core.model.SessionId(session)));
        assertThat(again.cookie("wte_session").orElseThrow().value()).as("another tab gets the same session").isEqualTo(session);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(site.sessions.count()).isEqualTo(1);
    }

    @Test
    void actingInAnAreaWithoutASessionStartsNone() {
        Request retract = Site.fromHere("POST", "/api/areas/office-3f/retract");
        Request leave = Site.fromHere("POST", "/api/areas/office-3f/leave");

        assertThat(site.send(retract).json().path("retracted").asBoolean()).isFalse();
        assertThat(site.send(leave).json().path("left").asBoolean()).isFalse();
        assertThat(site.sessions.count()).isZero();
    }
}
