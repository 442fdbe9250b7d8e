package com.wheretoeat.http;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.Map;

/**
 * Renders the Mustache templates under {@code templates/} on the class path. Mustache escapes
 * every {@code {{value}}} for HTML, and no template here uses the unescaped form, so whatever
 * people type is shown as text. Compiled templates are cached; rendering is thread-safe.
 */
final class Templates {
    private final MustacheFactory factory = new DefaultMustacheFactory("templates");

    String render(String name, Map<String, Object> model) {
        Mustache template = factory.compile(name + ".mustache");
        StringWriter out = new StringWriter();
        template.execute(out, model);
        return out.toString();
    }
}
