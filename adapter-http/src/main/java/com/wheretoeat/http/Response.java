package com.wheretoeat.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP response as a plain value: a status, headers, cookies to set, and a {@link Body} that
 * says what to send (a page, JSON, a redirect, a static resource or an error) without sending it.
 */
public record Response(int status, Map<String, String> headers, List<SetCookie> cookies, Body body) {

    public Response {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        cookies = List.copyOf(cookies);
        Objects.requireNonNull(body, "body");
    }

    /** A page: the template {@code name} (under {@code templates/}) rendered with {@code model}. */
    public static Response page(int status, String template, Map<String, Object> model) {
        return new Response(status, Map.of(), List.of(), new Body.Page(template, model));
    }

    /** {@code value} written as JSON by the core's codec. */
    public static Response json(int status, Object value) {
        return new Response(status, Map.of(), List.of(), new Body.Json(value));
    }

    /** A 303 See Other, the answer to a form post: the browser then loads {@code location}. */
    public static Response redirect(String location) {
        return new Response(303, Map.of(), List.of(), new Body.Redirect(location));
    }

    public static Response resource(String contentType, byte[] bytes) {
        return new Response(200, Map.of(), List.of(), new Body.Resource(contentType, bytes));
    }

    public static Response text(int status, String contentType, String text) {
        return new Response(status, Map.of(), List.of(), new Body.Text(contentType, text));
    }

    public static Response error(int status, String code, String message, Body.Form form) {
        return new Response(status, Map.of(), List.of(), new Body.Error(code, message, form));
    }

    public Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, more, cookies, body);
    }

    /** Adds {@code name} unless a handler already set it. */
    public Response withDefaultHeader(String name, String value) {
        return headers.containsKey(name) ? this : withHeader(name, value);
    }

    public Response withCookie(SetCookie cookie) {
        List<SetCookie> more = new ArrayList<>(cookies);
        more.add(cookie);
        return new Response(status, headers, more, body);
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** What a response carries; the server adapter turns it into bytes. */
    public sealed interface Body {
        /** A server-rendered HTML page. */
        record Page(String template, Map<String, Object> model) implements Body {
            public Page {
                model = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(model));
            }
        }

        /** A value for the JSON codec. */
        record Json(Object value) implements Body {}

        /** Where the browser should go next. */
        record Redirect(String location) implements Body {}

        /** Bytes from the class path, such as a stylesheet. */
        record Resource(String contentType, byte[] bytes) implements Body {}

        /** Plain text, such as the Prometheus scrape. */
        record Text(String contentType, String text) implements Body {}

        /**
         * A failure with a stable code and a sentence, shown as a page or as JSON; {@code back}
         * is where an error page leads (null: the start page).
         */
        record Error(String code, String message, Form form, String back) implements Body {
            public Error(String code, String message, Form form) {
                this(code, message, form, null);
            }
        }

        /** How an error is shown: to a person on a page, or to a program as JSON. */
        enum Form { PAGE, JSON }
    }
}
