package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The area page's map: Leaflet from the jar, the tiles' one host in the CSP, positions for the script. */
class MapTest {
    private final Site site = new Site();

    @Test
    void leafletIsServedFromTheJarUnderItsVersionAndMayBeCachedForAYear() {
        Answer script = site.get(StaticAssets.LEAFLET_PATH + "/leaflet.js");
        Answer css = site.get(StaticAssets.LEAFLET_PATH + "/leaflet.css");
        Answer image = site.get(StaticAssets.LEAFLET_PATH + "/images/layers.png");

        assertThat(StaticAssets.LEAFLET_PATH).matches("/static/leaflet/1\\.9\\.[0-9]+");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(script.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(css.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
        assertThat(image.header("Content-Type")).isEqualTo("image/png");
    }

    @Test
    void onlyLeafletsOwnFilesOfTheVersionInTheJarAreServed() {
        assertThat(site.get("/static/leaflet/1.0.0/leaflet.js").status()).isEqualTo(404);
        assertThat(site.get(StaticAssets.LEAFLET_PATH + "/leaflet.js.map").status()).isEqualTo(404);
        assertThat(site.get(StaticAssets.LEAFLET_PATH + "/..%2F..%2Fsrc%2FLeaflet.js").status()).isEqualTo(404);
        assertThat(site.get(StaticAssets.LEAFLET_PATH + "/src/leaflet.js").status()).isEqualTo(404);
        assertThat(site.get(StaticAssets.LEAFLET_PATH + "/images/../leaflet.js").status()).isEqualTo(404);
    }

    @Test
    void onlyTheAreaPageLoadsLeafletAndItsScriptsAreDeferred() {
        String area = site.browser().open("office-3f").html();
        String home = site.get("/").html();

        assertThat(area).contains("<link rel=\"stylesheet\" href=\"" + StaticAssets.LEAFLET_PATH + "/leaflet.css\">",
                "<script src=\"" + StaticAssets.LEAFLET_PATH + "/leaflet.js\" defer></script>",
                "<script src=\"/static/map.js?v=");
        assertThat(area.indexOf("leaflet.js")).as("Leaflet runs before the page's scripts").isLessThan(area.indexOf("app.js"));
        assertThat(home).doesNotContain("leaflet");
    }

    @Test
    void thePolicyLetsImagesComeFromTheTileHostAndNoOtherHost() {
        Site custom = new Site(settings -> settings.mapTileUrl("https://tiles.example.org:8443/osm/{z}/{x}/{y}.png"));

        assertThat(site.get("/").header("Content-Security-Policy"))
                .contains("; img-src 'self' data: https://tile.openstreetmap.org; ");
        assertThat(custom.get("/a/office-3f").header("Content-Security-Policy"))
                .contains("; img-src 'self' data: https://tiles.example.org:8443; ");
        assertThat(new Site(settings -> settings.mapTileUrl("")).get("/").header("Content-Security-Policy"))
                .contains("; img-src 'self' data:; ");
    }

    @Test
    void thePageHandsTheScriptTheTilesTheAttributionAsTextAndLinksAndThePlacesPositions() {
        String html = new Site(settings -> settings.mapAttribution("Tiles <b>by</b> [Us & Co](https://us.example/x?a=1&b=2)"))
                .browser().open("office-3f").html();

        assertThat(html).contains("data-tiles=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\"",
                "<p class=\"map-attribution\">Tiles &lt;b&gt;by&lt;/b&gt; <a href=\"https://us.example/x?a&#61;1&amp;b&#61;2\">Us &amp; Co</a></p>",
                "data-venue-id=\"example:noodle-bar\" data-lat=\"52.519\" data-lon=\"13.4011\"");
        assertThat(html).doesNotContain("<b>by");
    }

    @Test
    void withoutTilesTheMapShowsNoAttribution() {
        String html = new Site(settings -> settings.mapTileUrl(null)).browser().open("office-3f").html();

        assertThat(html).contains("data-tiles=\"\"").doesNotContain("map-attribution");
    }

    @Test
    void theMapCentresOnTheAreasFirstSearchedPoint() {
        assertThat(site.browser().open("office-3f").html()).contains("data-centre-lat=\"\"");
        site.send(Site.fromHere("GET", "/api/areas/office-3f/venues").withQuery("lat", "52.5168").withQuery("lon", "13.399"));

        assertThat(site.browser().open("office-3f").html()).contains("data-centre-lat=\"52.5168\" data-centre-lon=\"13.399\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://{s}.tile.example.org/{z}/{x}/{y}.png", "ftp://tiles.example.org/{z}/{x}/{y}.png",
            "https://tiles.example.org/{z}/{x}.png", "tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org{z}{x}{y}",
            "https://user@tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org;script-src */{z}/{x}/{y}"})
    void aTileUrlThatIsNotOneHostsTemplateIsRefused(String template) {
        assertThatThrownBy(() -> HttpSettings.builder().mapTileUrl(template).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("The map tile URL must");
    }

    @Test
    void anAttributionLinksOnlyToWebAddresses() {
        assertThat(MapTiles.attribution("© [OSM](https://osm.example/c) and [me](http://me.example)")).containsExactly(
                new MapTiles.Part("© ", null), new MapTiles.Part("OSM", "https://osm.example/c"),
                new MapTiles.Part(" and ", null), new MapTiles.Part("me", "http://me.example"));
        assertThat(MapTiles.attribution("plain")).isEqualTo(List.of(new MapTiles.Part("plain", null)));
        assertThatThrownBy(() -> HttpSettings.builder().mapAttribution("[x](javascript:alert(1))").build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
