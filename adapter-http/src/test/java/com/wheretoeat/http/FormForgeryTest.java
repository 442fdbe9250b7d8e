package com.wheretoeat.http;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.AreaName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Form posts that change state are refused unless they come from our own page, for this session. */
class FormForgeryTest {
    private final Site site = new Site();
    private final Browser ann = site.browser();

    @BeforeEach
    void annIsInTheOffice() {
        ann.open("office-3f");
        ann.join("office-3f", "Ann");
    }

    private void assertRefused(Answer answer) {
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.error().code()).isEqualTo("forbidden");
        assertThat(answer.error().message()).isNotBlank();
        assertThat(result(site.app.snapshot(AreaName.of("office-3f"))).votes()).isEmpty();
    }

    @Test
    void aPostFromAForeignOriginIsRefused() {
        Request forged = Site.fromHere("POST", "/a/office-3f/vote").withHeader("Origin", "https://evil.example")
                .withBody("application/x-www-form-urlencoded", "csrf=" + ann.csrf() + "&venue=example:taco-stand");

        assertRefused(ann.send(forged));
    }

    @Test
    void aPostWhoseOriginIsNullIsRefused() {
        Request sandboxed = Site.fromHere("POST", "/a/office-3f/vote").withHeader("Origin", "null")
                .withBody("application/x-www-form-urlencoded", "csrf=" + ann.csrf() + "&venue=example:taco-stand");

        assertRefused(ann.send(sandboxed));
    }

    @Test
    void aCrossSitePostTheBrowserFlagsIsRefused() {
        Request flagged = Site.fromHere("POST", "/a/office-3f/vote").withHeader("Sec-Fetch-Site", "cross-site")
                .withBody("application/x-www-form-urlencoded", "csrf=" + ann.csrf() + "&venue=example:taco-stand");

        assertRefused(ann.send(flagged));
    }

    @Test
    void aPostReferredByAnotherSiteIsRefused() {
        Request referred = Site.fromHere("POST", "/a/office-3f/vote").withHeader("Referer", "https://evil.example/x")
                .withBody("application/x-www-form-urlencoded", "csrf=" + ann.csrf() + "&venue=example:taco-stand");

        assertRefused(ann.send(referred));
    }

    @Test
    void aPostWithoutTheTokenIsRefused() {
        Request tokenless = Site.fromHere("POST", "/a/office-3f/vote").withHeader("Origin", "http://" + Site.HOST)
                .withBody("application/x-www-form-urlencoded", "venue=example:taco-stand");

        assertRefused(ann.send(tokenless));
    }

    @Test
    void theTokenOfAnotherSessionIsRefused() {
        Browser mallory = site.browser();
        mallory.open("office-3f");
        Request withMallorysToken = Site.fromHere("POST", "/a/office-3f/vote").withHeader("Origin", "http://" + Site.HOST)
                .withBody("application/x-www-form-urlencoded", "csrf=" + mallory.csrf() + "&venue=example:taco-stand");

        assertRefused(ann.send(withMallorysToken));
    }

    @Test
    void aPostWithoutASessionCookieIsRefused() {
        Request cookieless = ann.formPost("/a/office-3f/vote", "venue", "example:taco-stand");

        assertRefused(site.send(cookieless));
    }

    @Test
    void aFormPostInAnotherContentTypeIsRefused() {
        Request plain = Site.fromHere("POST", "/a/office-3f/vote")
                .withBody("text/plain", "csrf=" + ann.csrf() + "&venue=example:taco-stand");

        Answer refused = ann.send(plain);

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.error().code()).isEqualTo("unsupported-media-type");
    }

    @Test
    void theSameFormFromOurOwnPageIsTaken() {
        assertThat(ann.voteListed("office-3f", "example:taco-stand").status()).isEqualTo(303);
    }
}
