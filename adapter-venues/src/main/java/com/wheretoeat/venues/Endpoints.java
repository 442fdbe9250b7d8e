package com.wheretoeat.venues;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Base URLs from settings, and query strings built from parameters, for the providers. */
public final class Endpoints {
    private Endpoints() {}

    /** {@code url} as a base to append paths to; it must be an absolute http or https URL. */
    public static URI base(String setting, URI url) {
        String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null
                || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("The " + setting + " must be an http or https URL without a query.");
        }
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** {@code base + path + "?" + parameters}, each parameter encoded. */
    public static URI of(URI base, String path, Map<String, String> parameters) {
        String query = form(parameters);
        return URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
    }

    /** Parameters as {@code application/x-www-form-urlencoded}, in the map's order. */
    public static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
