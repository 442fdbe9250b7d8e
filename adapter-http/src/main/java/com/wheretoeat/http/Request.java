package com.wheretoeat.http;

import com.wheretoeat.core.error.InvalidInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as a plain value: method, the raw path as it came (still percent-encoded: the
 * router decodes it segment by segment, so an encoded {@code /} never splits a segment), query
 * parameters (decoded), headers (names in lower case), cookies, the raw body, and the client's
 * address ({@code client}: the peer's, or behind a trusted proxy the one it forwards, see
 * {@link com.wheretoeat.core.model.TrustedProxies}), which per-client limits go by. Built by the
 * server adapter or directly by tests.
 */
public record Request(String method, String path, Map<String, List<String>> query,
        Map<String, List<String>> headers, Map<String, String> cookies, byte[] body, String client) {

    /** What {@link #client} is when nobody said: all such requests share one allowance. */
    public static final String UNKNOWN_CLIENT = "unknown";

    public Request(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, Map<String, String> cookies, byte[] body) {
        this(method, path, query, headers, cookies, body, UNKNOWN_CLIENT);
    }

    public Request {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        query = copy(query);
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
        headers = copy(lower);
        cookies = Map.copyOf(cookies);
        body = body == null ? new byte[0] : body;
        client = client == null || client.isBlank() ? UNKNOWN_CLIENT : client;
    }

    /** A request without query, headers, cookies or body, to build on with the {@code with...} methods. */
    public static Request of(String method, String path) {
        return new Request(method, path, Map.of(), Map.of(), Map.of(), new byte[0]);
    }

    public Request withQuery(String name, String value) {
        return new Request(method, path, adding(query, name, value), headers, cookies, body, client);
    }

    public Request withHeader(String name, String value) {
        return new Request(method, path, query, adding(headers, name.toLowerCase(Locale.ROOT), value), cookies, body, client);
    }

    public Request withCookie(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(cookies);
        more.put(name, value);
        return new Request(method, path, query, headers, more, body, client);
    }

    public Request withBody(String contentType, String text) {
        return withHeader("content-type", contentType).withBody(text.getBytes(StandardCharsets.UTF_8));
    }

    public Request withBody(byte[] bytes) {
        return new Request(method, path, query, headers, cookies, bytes, client);
    }

    /** This request as from {@code address}, such as {@code 192.0.2.1}. */
    public Request withClient(String address) {
        return new Request(method, path, query, headers, cookies, body, address);
    }

    /** The first value of header {@code name}, whatever its case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** The first value of query parameter {@code name}; blank counts as absent. */
    public Optional<String> queryParam(String name) {
        return first(query, name);
    }

    /** The body read as an HTML form ({@code application/x-www-form-urlencoded}). */
    public Map<String, List<String>> form() {
        return parseForm(new String(body, StandardCharsets.UTF_8));
    }

    /** Whether the body was declared as {@code type} (parameters such as the charset ignored). */
    public boolean hasContentType(String type) {
        return header("content-type")
                .map(value -> value.split(";", 2)[0].strip().equalsIgnoreCase(type))
                .orElse(false);
    }

    static Optional<String> first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Parses {@code a=1&b=x%20y}; malformed escapes are a {@code bad-request}, not a crash. */
    static Map<String, List<String>> parseForm(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /**
     * The cookies of {@code Cookie} headers; the first of a name wins. Quoted values are unquoted
     * and RFC 2965 attributes ({@code $Path}, ...) skipped, as some clients still send them.
     */
    static Map<String, String> parseCookies(List<String> headers) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headers) {
            for (String pair : header.split("[;,]")) {
                int eq = pair.indexOf('=');
                String name = eq > 0 ? pair.substring(0, eq).strip() : "";
                if (name.isEmpty() || name.startsWith("$")) {
                    continue;
                }
                String value = pair.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                cookies.putIfAbsent(name, value);
            }
        }
        return cookies;
    }

    /** Parses a query string like a form, but keeps a part that cannot be decoded as it came. */
    static Map<String, List<String>> parseQuery(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            Map<String, List<String>> one;
            try {
                one = parseForm(pair);
            } catch (InvalidInputException malformed) {
                int eq = pair.indexOf('=');
                one = Map.of(eq < 0 ? pair : pair.substring(0, eq), List.of(eq < 0 ? "" : pair.substring(eq + 1)));
            }
            one.forEach((name, values) -> params.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        }
        return params;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("form", "The form or query string is not properly encoded.");
        }
    }

    private static Map<String, List<String>> adding(Map<String, List<String>> params, String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(params);
        List<String> values = new ArrayList<>(more.getOrDefault(name, List.of()));
        values.add(value);
        more.put(name, values);
        return more;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> params) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        // Cookies hold session tokens: never print them.
        return "Request[" + method + " " + path + "]";
    }
}
