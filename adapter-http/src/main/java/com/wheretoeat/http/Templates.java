package com.wheretoeat.http;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * Renders the Mustache templates under {@code templates/} on the class path. Mustache escapes
 * every {@code {{value}}} for HTML, and no template here uses the unescaped form, so whatever
 * people type is shown as text. Compiled templates are cached; rendering is thread-safe.
 */
final class Templates {
    /**
     * What every page may use beside its model: {@code assets}, a fingerprint of the script and the
     * stylesheet, so a page always links the files it was written for although they may be cached
     * (the area page's {@code map.js} too); {@code leaflet}, the versioned folder of Leaflet's files.
     */
    private static final Map<String, Object> EVERY_PAGE = Map.of(
            "assets", StaticAssets.fingerprint("app.js", "map.js", "style.css"),
            "leaflet", StaticAssets.LEAFLET_PATH);

    private final MustacheFactory factory = new DefaultMustacheFactory("templates");

    String render(String name, Map<String, Object> model) {
        Mustache template = factory.compile(name + ".mustache");
        StringWriter out = new StringWriter();
        template.execute(out, List.of(EVERY_PAGE, model));
        return out.toString();
    }
}
