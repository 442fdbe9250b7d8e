package com.wheretoeat.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for the map's tile settings. The tile host goes into the CSP, so only a plain
 * {@code http(s)://host[:port]} is taken from a template; the attribution is shown as text with
 * links, never as markup, so it is read from {@code [text](https://...)} rather than HTML.
 */
final class MapTiles {
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");

    /** One piece of the attribution: text, with the address it links to or null. */
    record Part(String text, String href) {}

    private MapTiles() {}

    /** The origin of a tile URL template; refuses what is not an http(s) template with {z}, {x} and {y}. */
    static String origin(String template) {
        for (String placeholder : List.of("{z}", "{x}", "{y}")) {
            if (!template.contains(placeholder)) {
                throw new IllegalArgumentException("The map tile URL must contain {z}, {x} and {y}");
            }
        }
        int pathStart = template.indexOf('/', template.indexOf("://") + 3);
        String head = template.indexOf("://") < 0 || pathStart < 0 ? template : template.substring(0, pathStart);
        URI uri;
        try {
            uri = new URI(head);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The map tile URL must start with http(s)://host/ (one host, no {s})");
        }
        boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
        if (!web || uri.getHost() == null || uri.getUserInfo() != null || pathStart < 0) {
            throw new IllegalArgumentException("The map tile URL must start with http(s)://host/ (one host, no {s})");
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** The attribution in pieces; a link must go to an http(s) address. */
    static List<Part> attribution(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        int at = 0;
        while (link.find()) {
            if (link.start() > at) {
                parts.add(new Part(text.substring(at, link.start()), null));
            }
            String href = link.group(2);
            if (!href.startsWith("https://") && !href.startsWith("http://")) {
                throw new IllegalArgumentException("A link in the map attribution must be an http(s) address: " + href);
            }
            parts.add(new Part(link.group(1), href));
            at = link.end();
        }
        if (at < text.length()) {
            parts.add(new Part(text.substring(at), null));
        }
        return parts;
    }
}
