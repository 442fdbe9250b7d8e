package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Many people in an area without a browser each: they join, vote and leave through the JSON API,
 * each with their own session cookie, one request at a time (so they join in the order asked). The
 * app must let one address start that many sessions (SESSIONS_PER_ADDRESS_PER_MINUTE).
 */
final class Crowd {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String site;
    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    Crowd(int port) {
        site = "http://127.0.0.1:" + port;
    }

    /** "Member 001", ...: names that sort in the order they join. */
    static String name(int number) {
        return String.format("Member %03d", number);
    }

    static List<String> names(int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(Crowd::name).toList();
    }

    /** Members {@code first} to {@code last} join {@code area}, in that order. */
    Crowd seat(String area, int first, int last) {
        for (int i = first; i <= last; i++) {
            join(area, name(i));
        }
        return this;
    }

    void join(String area, String name) {
        HttpResponse<String> joined = post("/api/areas/" + area + "/join", "{\"name\":\"" + name + "\"}", null);
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        cookies.put(name, joined.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0]);
    }

    void vote(String area, String name, String place) {
        HttpResponse<String> voted = post("/api/areas/" + area + "/vote", "{\"venue\":{\"name\":\"" + place + "\"}}", cookies.get(name));
        assertThat(voted.statusCode()).as(voted.body()).isEqualTo(200);
    }

    void leave(String area, String name) {
        HttpResponse<String> left = post("/api/areas/" + area + "/leave", "{}", cookies.get(name));
        assertThat(left.body()).isEqualTo("{\"left\":true}");
    }

    /** {@code name} asks for {@code action} in {@code area} ("decide", "deadline", "break-tie"), which must be done. */
    String act(String area, String name, String action, String json) {
        HttpResponse<String> done = post("/api/areas/" + area + "/" + action, json, cookies.get(name));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        return done.body();
    }

    /** {@code names} leave {@code area} all at once, so that their leaves fall into one presence batch. */
    void leaveAtOnce(String area, List<String> names) {
        List<CompletableFuture<HttpResponse<String>>> leaving = names.stream()
                .map(name -> http.sendAsync(request("/api/areas/" + area + "/leave", "{}", cookies.get(name)),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        leaving.forEach(left -> assertThat(left.join().body()).isEqualTo("{\"left\":true}"));
    }

    private HttpRequest request(String path, String json, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(site + path))
                .header("Content-Type", "application/json")
                .header("Origin", site)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return request.build();
    }

    private HttpResponse<String> post(String path, String json, String cookie) {
        try {
            return http.send(request(path, json, cookie), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
