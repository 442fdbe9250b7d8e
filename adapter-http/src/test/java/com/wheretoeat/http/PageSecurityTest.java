package com.wheretoeat.http;

import static com.wheretoeat.http.SecurityHeaders.assertSecured;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.memory.Fault;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Security headers on every page, and pages that need no inline script to keep them. */
class PageSecurityTest {
    private final Site site = new Site();

    /** Every script element loads a file; none holds code, and no element has an event handler. */
    private static void assertNoInlineScript(String html) {
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        while (scripts.find()) {
            assertThat(scripts.group(1)).contains("src=");
            assertThat(scripts.group(2)).isBlank();
        }
        assertThat(html).doesNotContainPattern("(?i)<[^>]+\\son[a-z]+=");
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        Browser ann = site.browser();
        assertSecured(site.get("/"));
        assertSecured(ann.open("office-3f"));
        assertSecured(site.get("/missing"));
        assertSecured(site.get("/api/areas/office-3f"));
    }

    @Test
    void everyErrorCarriesTheSecurityHeadersToo() {
        Answer notFound = site.get("/missing");
        Answer apiNotFound = site.get("/api/nothing");
        Answer wrongMethod = site.send(Site.fromHere("DELETE", "/a/office-3f"));
        Answer tooLarge = site.send(Site.fromHere("POST", "/api/areas/office-3f/join")
                .withBody("application/json", "x".repeat(64 * 1024 + 1)));
        Response bug = site.web.internalError(Site.fromHere("GET", "/a/office-3f"));
        site.store.simulate(Fault.DOWN);
        Answer unavailable = site.get("/readyz");

        assertThat(List.of(notFound.status(), apiNotFound.status(), wrongMethod.status(), tooLarge.status(),
                unavailable.status(), bug.status())).containsExactly(404, 404, 405, 413, 503, 500);
        assertSecured(notFound);
        assertSecured(apiNotFound);
        assertSecured(wrongMethod);
        assertSecured(tooLarge);
        assertSecured(unavailable);
        assertSecured(bug::header);
        assertThat(notFound.header("Cache-Control")).isEqualTo("no-store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[..]", "[:::]", "[1:2]", "[::1", "a..b", ""})
    void aHostHeaderThatNamesNoHostFallsBackToLocalhostOnEveryAnswer(String host) {
        Answer page = site.send(Request.of("GET", "/a/office-3f").withHeader("Host", host));
        Answer missing = site.send(Request.of("GET", "/missing").withHeader("Host", host));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.model()).containsEntry("wsUrl", "ws://localhost/live");
        assertThat(missing.status()).isEqualTo(404);
        assertSecured(missing);
        assertThat(missing.header("Content-Security-Policy")).contains("connect-src 'self' ws://localhost/live;");
    }

    @Test
    void aBracketedAddressIsKeptAsTheHost() {
        assertThat(site.send(Request.of("GET", "/a/office-3f").withHeader("Host", "[::1]:8080")).model())
                .containsEntry("wsUrl", "ws://[::1]:8080/live");
        assertThat(site.send(Request.of("GET", "/a/office-3f").withHeader("Host", "lunch.example:9000")).model())
                .as("the same origin, its port included").containsEntry("wsUrl", "ws://lunch.example:9000/live");
    }

    @Test
    void noPageHasInlineScript() {
        Browser ann = site.browser();
        ann.open("office-3f");
        ann.join("office-3f", "Ann");
        ann.voteTyped("office-3f", "Noodles");

        assertNoInlineScript(site.get("/").html());
        assertNoInlineScript(ann.open("office-3f").html());
        assertNoInlineScript(site.get("/missing").html());
    }

    @Test
    void theLiveConnectionIsAllowedByThePolicy() {
        assertThat(site.browser().open("office-3f").header("Content-Security-Policy"))
                .contains("; connect-src 'self' ws://lunch.example/live;");
    }

    @Test
    void personalPagesAndJsonAreNotCached() {
        assertThat(site.browser().open("office-3f").header("Cache-Control")).isEqualTo("no-store");
        assertThat(site.get("/api/areas/office-3f").header("Cache-Control")).isEqualTo("no-store");
    }
}
