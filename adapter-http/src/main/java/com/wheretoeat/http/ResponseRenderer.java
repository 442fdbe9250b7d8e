package com.wheretoeat.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wheretoeat.json.CoreJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Response} into what goes on the wire: status, headers and bytes. Pages go
 * through the templates, JSON through the core's codec, errors become an error page or
 * {@code {"error": {"code", "message"}}}.
 */
public final class ResponseRenderer {
    private final Templates templates = new Templates();
    private final ObjectMapper json = CoreJson.newMapper();

    /** A response ready to send; {@code headers} may repeat a name (as {@code Set-Cookie} does). */
    public record Rendered(int status, Map<String, List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    public Rendered render(Response response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        if (!response.cookies().isEmpty()) {
            List<String> cookies = new ArrayList<>();
            response.cookies().forEach(cookie -> cookies.add(cookie.headerValue()));
            headers.put("Set-Cookie", cookies);
        }
        byte[] body;
        String type;
        Response.Body content = response.body();
        if (content instanceof Response.Body.Page page) {
            type = "text/html; charset=utf-8";
            body = utf8(templates.render(page.template(), page.model()));
        } else if (content instanceof Response.Body.Json value) {
            type = "application/json";
            body = jsonBytes(value.value());
        } else if (content instanceof Response.Body.Redirect redirect) {
            type = null;
            body = new byte[0];
            headers.put("Location", List.of(redirect.location()));
        } else if (content instanceof Response.Body.Resource resource) {
            type = resource.contentType();
            body = resource.bytes();
        } else if (content instanceof Response.Body.Text text) {
            type = text.contentType();
            body = utf8(text.text());
        } else {
            Response.Body.Error failure = (Response.Body.Error) content;
            if (failure.form() == Response.Body.Form.JSON) {
                type = "application/json";
                body = jsonBytes(Map.of("error", Map.of("code", failure.code(), "message", failure.message())));
            } else {
                type = "text/html; charset=utf-8";
                body = utf8(templates.render("error", errorModel(failure, response.status())));
            }
        }
        if (type != null) {
            headers.put("Content-Type", List.of(type));
        }
        return new Rendered(response.status(), headers, body);
    }

    private byte[] jsonBytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A response value could not be written as JSON", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> errorModel(Response.Body.Error failure, int status) {
        return Map.of("title", "Error " + status, "status", status, "code", failure.code(), "message", failure.message(),
                "back", failure.back() == null ? "/" : failure.back());
    }
}
