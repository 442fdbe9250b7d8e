package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Security headers on every page, and pages that need no inline script to keep them. */
class PageSecurityTest {
    private final Site site = new Site();

    private static void assertSecured(Answer answer) {
        String csp = answer.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
    }

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
                .contains("connect-src 'self' ws://lunch.example:8081/");
    }

    @Test
    void personalPagesAndJsonAreNotCached() {
        assertThat(site.browser().open("office-3f").header("Cache-Control")).isEqualTo("no-store");
        assertThat(site.get("/api/areas/office-3f").header("Cache-Control")).isEqualTo("no-store");
    }
}
