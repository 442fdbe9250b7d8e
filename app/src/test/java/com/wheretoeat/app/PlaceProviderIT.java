package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jar with Foursquare as its provider, played by a local stub: the key goes only to the
 * provider, never to anyone using the app, and a provider's outage leaves search and voting working.
 */
class PlaceProviderIT {
    private static final String KEY = "fsq3-secret-key-do-not-leak";
    private static final String PLACES = """
            {"results": [
              {"fsq_place_id": "4adcda10f964a520af3521e3", "name": "Trattoria Stella", "latitude": 52.5203,
               "longitude": 13.4049, "distance": 12, "categories": [{"name": "Italian Restaurant"}],
               "location": {"formatted_address": "Marktstraße 12, 10178 Berlin"}, "website": "https://stella.example/"},
              {"fsq_place_id": "4b0588a6f964a520e4d522e3", "name": "Café Luna", "latitude": 52.5211,
               "longitude": 13.4102, "distance": 80, "categories": [{"name": "Café"}],
               "location": {"formatted_address": "Parkweg 3, 10178 Berlin"}}
            ]}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failing = new AtomicInteger();
    private HttpServer foursquare;

    @BeforeEach
    void startStub() throws IOException {
        foursquare = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        foursquare.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean fail = failing.get() > 0;
            byte[] body = (fail ? "{\"message\": \"Internal error for key " + KEY + "\"}" : PLACES)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(fail ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        foursquare.start();
    }

    @AfterEach
    void stopStub() {
        foursquare.stop(0);
    }

    @Test
    void theKeyReachesOnlyTheProviderAndAnOutageFallsBackToTheCatalog() throws Exception {
        Map<String, String> env = Map.of("VENUES", "foursquare", "FOURSQUARE_API_KEY", KEY,
                "FOURSQUARE_URL", "http://127.0.0.1:" + foursquare.getAddress().getPort(), "LOG_LEVEL", "debug");
        try (AppProcess app = AppProcess.start(env)) {
            JsonNode found = getJson(app, "/api/areas/office-3f/venues?lat=52.52&lon=13.405");
            String page = get(app, "/a/office-3f").body();
            failing.set(1);
            JsonNode fallback = getJson(app, "/api/areas/office-3f/venues?query=curry");
            String pageInOutage = get(app, "/a/office-3f?q=noodle").body();

            assertThat(found.at("/venues/0/name").asText()).isEqualTo("Trattoria Stella");
            assertThat(found.at("/venues/0/id").asText()).isEqualTo("fsq:4adcda10f964a520af3521e3");
            assertThat(found.get("liveUnavailable").asBoolean()).isFalse();
            assertThat(page).contains("Café Luna");
            assertThat(fallback.get("liveUnavailable").asBoolean()).isTrue();
            assertThat(fallback.at("/venues/0/name").asText()).as("from the example catalog").isEqualTo("Curry House");
            assertThat(pageInOutage).contains("Noodle Bar").contains("Live results are unavailable");
            assertThat(authorizations).isNotEmpty().allMatch(header -> header.equals("Bearer " + KEY)
                    || header.equals(KEY), "the key goes in the Authorization header");
            assertThat(found.toString() + page + fallback + pageInOutage).doesNotContain(KEY);
            assertThat(app.output()).as("the log, at debug level, outage included").doesNotContain(KEY);
        }
    }

    private HttpResponse<String> get(AppProcess app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(app.page(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(AppProcess app, String path) throws Exception {
        HttpResponse<String> answer = get(app, path);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }
}
