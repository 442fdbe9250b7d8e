package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wheretoeat.json.CoreJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A response and what it looks like on the wire, with readable accessors for assertions. */
record Answer(Response response, ResponseRenderer.Rendered wire) {
    private static final ObjectMapper JSON = CoreJson.newMapper();

    int status() {
        return response.status();
    }

    String header(String name) {
        return wire.header(name);
    }

    String html() {
        assertThat(wire.header("Content-Type")).startsWith("text/html");
        return wire.text();
    }

    JsonNode json() {
        assertThat(wire.header("Content-Type")).isEqualTo("application/json");
        try {
            return JSON.readTree(wire.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response.Body.Page page() {
        assertThat(response.body()).isInstanceOf(Response.Body.Page.class);
        return (Response.Body.Page) response.body();
    }

    Map<String, Object> model() {
        return page().model();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String name) {
        return (List<Map<String, Object>>) model().get(name);
    }

    Response.Body.Error error() {
        assertThat(response.body()).isInstanceOf(Response.Body.Error.class);
        return (Response.Body.Error) response.body();
    }

    String redirect() {
        assertThat(response.status()).isEqualTo(303);
        return ((Response.Body.Redirect) response.body()).location();
    }

    Optional<SetCookie> cookie(String name) {
        return response.cookies().stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
