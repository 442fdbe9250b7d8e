package com.wheretoeat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Overpass and Nominatim for the venue search benchmark, on 127.0.0.1: made-up places around given
 * points, and every answer held back by a fixed latency to stand in for the internet.
 */
final class FakePlaceServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AROUND = Pattern.compile("around:(\\d+),(-?[\\d.]+),(-?[\\d.]+)");
    private static final String[] KINDS = {"italian", "pizza", "sushi", "ramen", "burger", "indian", "vietnamese", "coffee_shop"};
    private static final String[] AMENITIES = {"restaurant", "restaurant", "fast_food", "cafe"};

    private final List<ObjectNode> places = new ArrayList<>();
    private final long latencyMillis;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-places");
        thread.setDaemon(true);
        return thread;
    });
    final LongAdder requests = new LongAdder();

    FakePlaceServer(double[][] centres, int placesEach, long latencyMillis, long seed) throws IOException {
        this.latencyMillis = latencyMillis;
        Random random = new Random(seed);
        long id = 1;
        for (double[] centre : centres) {
            for (int i = 0; i < placesEach; i++) {
                String kind = KINDS[random.nextInt(KINDS.length)];
                ObjectNode tags = JSON.createObjectNode().put("amenity", AMENITIES[random.nextInt(AMENITIES.length)])
                        .put("name", capital(kind.replace('_', ' ')) + " Place " + id).put("cuisine", kind)
                        .put("addr:street", "Street " + (id % 40)).put("addr:housenumber", Long.toString(id % 90 + 1));
                places.add(JSON.createObjectNode().put("type", "node").put("id", id++)
                        .put("lat", centre[0] + (random.nextDouble() - 0.5) * 0.02)
                        .put("lon", centre[1] + (random.nextDouble() - 0.5) * 0.03).set("tags", tags));
            }
        }
        // A whole lunchtime connects at once: the default backlog would drop connections, adding 1 s retries.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.increment();
            Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
            String answer = exchange.getRequestURI().getPath().equals("/interpreter")
                    ? overpass(parameters.getOrDefault("data", ""))
                    : nominatim(parameters);
            Thread.sleep(latencyMillis); // the internet, not a wait for something to happen
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String overpass(String ql) {
        Matcher around = AROUND.matcher(ql);
        ArrayNode elements = JSON.createArrayNode();
        if (around.find()) {
            double radius = Double.parseDouble(around.group(1));
            double lat = Double.parseDouble(around.group(2));
            double lon = Double.parseDouble(around.group(3));
            places.stream().filter(p -> metres(lat, lon, p.get("lat").asDouble(), p.get("lon").asDouble()) <= radius)
                    .limit(200).forEach(elements::add);
        }
        ObjectNode answer = JSON.createObjectNode().put("version", 0.6).put("generator", "fake");
        answer.set("elements", elements);
        return answer.toString();
    }

    private String nominatim(Map<String, String> parameters) {
        String q = parameters.getOrDefault("q", "").toLowerCase(Locale.ROOT);
        int limit = Integer.parseInt(parameters.getOrDefault("limit", "10"));
        double[] box = Arrays.stream(parameters.getOrDefault("viewbox", "-180,-90,180,90").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        ArrayNode results = JSON.createArrayNode();
        for (ObjectNode p : places) {
            double lat = p.get("lat").asDouble();
            double lon = p.get("lon").asDouble();
            ObjectNode tags = (ObjectNode) p.get("tags");
            if (results.size() < limit && tags.get("name").asText().toLowerCase(Locale.ROOT).contains(q)
                    && lon >= box[0] && lat >= box[1] && lon <= box[2] && lat <= box[3]) {
                ObjectNode r = results.addObject().put("osm_type", "node").put("osm_id", p.get("id").asLong())
                        .put("lat", Double.toString(lat)).put("lon", Double.toString(lon)).put("category", "amenity")
                        .put("type", tags.get("amenity").asText()).put("name", tags.get("name").asText());
                r.putObject("address").put("road", tags.get("addr:street").asText())
                        .put("house_number", tags.get("addr:housenumber").asText());
                r.putObject("extratags").put("cuisine", tags.get("cuisine").asText());
            }
        }
        return results.toString();
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static double metres(double lat1, double lon1, double lat2, double lon2) {
        double x = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        double y = Math.toRadians(lat2 - lat1);
        return Math.sqrt(x * x + y * y) * 6_371_000;
    }

    private static String capital(String words) {
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
