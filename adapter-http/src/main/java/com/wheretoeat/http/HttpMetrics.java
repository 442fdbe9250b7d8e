package com.wheretoeat.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * What {@code /metrics} reports, through Micrometer: requests and their latency by route,
 * method and status ({@code http_server_requests_seconds}), votes cast through this server ({@code wte_http_votes_total}),
 * errors by code ({@code wte_errors_total}) and live connections ({@code wte_live_connections}).
 * Tags take only bounded values (route templates, known methods), so hostile requests cannot
 * grow the registry.
 */
final class HttpMetrics {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final PrometheusMeterRegistry registry;
    private final Counter votes;

    HttpMetrics(PrometheusMeterRegistry registry, HttpSettings settings) {
        this.registry = registry;
        this.votes = Counter.builder("wte.http.votes").description("Votes cast or moved through the HTTP side (forms and JSON API)").register(registry);
        settings.liveConnections().ifPresent(this::gaugeLiveConnections);
    }

    private void gaugeLiveConnections(IntSupplier count) {
        Gauge.builder("wte.live.connections", count, c -> c.getAsInt())
                .description("Open live (WebSocket) connections")
                .register(registry);
    }

    void request(String method, String route, int status, Duration took) {
        Timer.builder("http.server.requests")
                .description("HTTP requests and how long they took")
                .tag("method", METHODS.contains(method) ? method : "OTHER")
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(took);
    }

    void error(String code) {
        Counter.builder("wte.errors").description("Error responses by code").tag("code", code).register(registry)
                .increment();
    }

    void vote() {
        votes.increment();
    }

    String scrape() {
        return registry.scrape();
    }
}
