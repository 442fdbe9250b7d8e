package com.wheretoeat.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Finds the handler for a method and path among templates such as {@code /a/{area}/vote}. A
 * {@code {name}} matches exactly one non-empty segment, so {@code ..} can never span segments.
 * {@code HEAD} is served by the {@code GET} handler.
 */
final class Router {
    /** What a route does with a request and its path parameters. */
    @FunctionalInterface
    interface Handler {
        CompletionStage<Response> handle(Request request, Map<String, String> params);
    }

    /** One route; {@code template} also names it in metrics. */
    record Route(String method, String template, Handler handler) {}

    /** The outcome of matching: a route with its parameters, or the methods the path does allow. */
    sealed interface Match {
        record Found(Route route, Map<String, String> params) implements Match {}

        record WrongMethod(Set<String> allowed) implements Match {}

        record NotFound() implements Match {}
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, template, handler));
        return this;
    }

    Match match(String method, String rawPath) {
        Optional<List<String>> segments = segments(rawPath);
        if (segments.isEmpty()) {
            return new Match.NotFound();
        }
        String wanted = method.equals("HEAD") ? "GET" : method;
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = bind(route.template(), segments.get());
            if (params == null) {
                continue;
            }
            if (route.method().equals(wanted)) {
                return new Match.Found(route, params);
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new Match.NotFound() : new Match.WrongMethod(allowed);
    }

    /** The decoded segments of a raw path ({@code /a/x} is {@code [a, x]}), or empty when it cannot be decoded. */
    static Optional<List<String>> segments(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        String[] parts = rawPath.substring(1).split("/", -1);
        for (String part : parts) {
            try {
                // '+' is a plus sign in a path, not a space as in a form.
                segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        return Optional.of(segments);
    }

    private static Map<String, String> bind(String template, List<String> segments) {
        String[] pattern = template.substring(1).split("/", -1);
        if (pattern.length != segments.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String expected = pattern[i];
            String actual = segments.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual.isEmpty()) {
                    return null;
                }
                params.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return params;
    }
}
