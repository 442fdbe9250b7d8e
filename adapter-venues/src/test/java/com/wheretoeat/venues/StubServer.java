package com.wheretoeat.venues;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A provider on 127.0.0.1 for tests: answers each request with what a handler makes of it and
 * records the requests, so tests can see the parameters and headers a provider was sent.
 */
public final class StubServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "stub-provider");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<Request, Answer> handler;

    private StubServer(Function<Request, Answer> handler) throws IOException {
        this.handler = handler;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static StubServer start(Function<Request, Answer> handler) {
        try {
            return new StubServer(handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, requests are answered by {@code handler}. */
    public void answer(Function<Request, Answer> handler) {
        this.handler = handler;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> parameters = new LinkedHashMap<>(parse(exchange.getRequestURI().getRawQuery()));
            if ("POST".equals(exchange.getRequestMethod())) {
                parameters.putAll(parse(body));
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    parameters, headers, body);
            requests.add(request);
            Answer answer = handler.apply(request);
            if (!answer.delay().isZero() && closing.await(answer.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                return; // closing: nobody waits for this answer any more
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), answer.declaresLength() ? answer.body().length : 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            } catch (IOException e) {
                // The client hung up, as it should on an answer too long.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** A request as the stub received it; header names are in lower case. */
    public record Request(String method, String path, Map<String, String> parameters,
                          Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String parameter(String name) {
            return parameters.get(name);
        }
    }

    /** What the stub answers: a status and body, after a delay; a body of unknown length is sent chunked. */
    public record Answer(int status, byte[] body, Duration delay, boolean declaresLength) {
        public static Answer json(String json) {
            return new Answer(200, json.getBytes(StandardCharsets.UTF_8), Duration.ZERO, true);
        }

        public static Answer status(int status) {
            return new Answer(status, "{\"message\":\"stub\"}".getBytes(StandardCharsets.UTF_8), Duration.ZERO, true);
        }

        /** {@code size} bytes of a JSON string, chunked, so only reading tells how long it is. */
        public static Answer endless(int size) {
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) 'a');
            body[0] = '"';
            return new Answer(200, body, Duration.ZERO, false);
        }

        public Answer after(Duration delay) {
            return new Answer(status, body, delay, declaresLength);
        }

        public Answer withDeclaredLength() {
            return new Answer(status, body, delay, true);
        }
    }

    /** A test resource as text. */
    public static String fixture(String path) {
        try (InputStream in = StubServer.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
