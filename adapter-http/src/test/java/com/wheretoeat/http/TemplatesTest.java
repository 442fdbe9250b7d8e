package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every template compiles and renders, even one no other test happens to return. */
class TemplatesTest {
    private final Templates templates = new Templates();

    @Test
    void everyTemplateRendersWithAnEmptyModel() throws IOException, URISyntaxException {
        Path folder = Path.of(TemplatesTest.class.getClassLoader().getResource("templates").toURI());
        List<String> names;
        try (Stream<Path> files = Files.list(folder)) {
            names = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".mustache"))
                    .map(name -> name.substring(0, name.length() - ".mustache".length()))
                    .toList();
        }

        assertThat(names).contains("home", "area", "error");
        for (String name : names) {
            assertThat(templates.render(name, Map.of())).as(name).isNotNull();
        }
    }

    @Test
    void noTemplateTurnsEscapingOff() throws IOException, URISyntaxException {
        Path folder = Path.of(TemplatesTest.class.getClassLoader().getResource("templates").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.getFileName().toString())
                        .doesNotContain("{{{").doesNotContain("{{&").doesNotContain("{{=");
            }
        }
    }

    @Test
    void valuesAreEscapedForHtmlAttributesAndText() {
        String html = templates.render("error", Map.of("message", "<b>\"x\" & 'y'</b>", "code", "c\"><i>", "back", "/"));

        assertThat(html).contains("&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;")
                .contains("data-code=\"c&quot;&gt;&lt;i&gt;\"")
                .doesNotContain("<b>").doesNotContain("<i>");
    }
}
