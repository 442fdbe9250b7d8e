package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticAssetsTest {
    private final Site site = new Site();

    @Test
    void pagesLinkTheScriptAndStylesheetByAFingerprintOfTheirContent() {
        String fingerprint = StaticAssets.fingerprint("app.js", "map.js", "style.css");
        String html = site.get("/a/office-3f").wire().text();

        assertThat(fingerprint).matches("[0-9a-f]{12}").isNotEqualTo(StaticAssets.fingerprint("app.js"));
        assertThat(html).contains("src=\"/static/app.js?v=" + fingerprint + "\"",
                "href=\"/static/style.css?v=" + fingerprint + "\"");
        assertThat(site.send(Site.fromHere("GET", "/static/app.js").withQuery("v", fingerprint)).header("Content-Type"))
                .startsWith("text/javascript");
    }

    @Test
    void theStylesheetIsServedWithItsTypeAndMayBeCached() {
        Answer css = site.get("/static/style.css");

        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
        assertThat(css.header("Cache-Control")).isEqualTo("public, max-age=3600");
        assertThat(css.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(css.wire().text()).contains("min-height: 44px");
    }

    @Test
    void theScriptIsServedAsJavaScript() {
        assertThat(site.get("/static/app.js").header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
    }

    @Test
    void aMissingAssetIsNotFound() {
        assertThat(site.get("/static/missing.css").status()).isEqualTo(404);
    }

    @Test
    void pathTraversalReachesNothing() {
        assertThat(site.get("/static/../../etc/passwd").status()).isEqualTo(404);
        assertThat(site.get("/static/..%2F..%2Fetc%2Fpasswd").status()).isEqualTo(404);
        assertThat(site.get("/static/%2e%2e%2ftemplates%2farea.mustache").status()).isEqualTo(404);
        assertThat(site.get("/static/..").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../templates/area.mustache", "../static/style.css", "..\\style.css", "./style.css",
            "/style.css", "..", ".style.css", "style.css/..", "%2e%2e/style.css", "style.css\u0000.png", ""})
    void namesThatAreNotPlainFileNamesReachNothing(String name) {
        assertThat(new StaticAssets().serve(name)).isEmpty();
    }

    @Test
    void aPlainFileNameIsServedDirectly() {
        assertThat(new StaticAssets().serve("style.css")).hasValueSatisfying(css ->
                assertThat(css.header("Cache-Control")).isEqualTo(StaticAssets.CACHE_CONTROL));
    }

    @Test
    void filesOfUnknownTypesAreNotServed() {
        assertThat(site.get("/static/..mustache").status()).isEqualTo(404);
        assertThat(site.get("/static/app.class").status()).isEqualTo(404);
    }
}
