package com.wheretoeat.http;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.memory.InMemoryAreaEvents;
import com.wheretoeat.core.memory.InMemoryAreaStore;
import com.wheretoeat.core.memory.InMemorySessions;
import com.wheretoeat.core.memory.InMemoryVenueCatalog;
import com.wheretoeat.core.memory.ManualClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The HTTP adapter on in-memory adapters, with no network: requests go in as values and every
 * answer is rendered (so a broken template or an unwritable JSON value fails the test).
 */
final class Site {
    static final String HOST = "lunch.example";
    static final Duration CORE_TIMEOUT = Duration.ofMillis(300);
    /** What every draw that breaks a tie gives: the second of the tied places. */
    static final long DRAW = 1;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T11:45:00Z"));
    final InMemoryAreaEvents events = new InMemoryAreaEvents();
    final InMemoryAreaStore store = new InMemoryAreaStore(events);
    final InMemorySessions sessions = new InMemorySessions();
    final WhereToEat app = WhereToEat.builder()
            .areas(store, events)
            .sessions(sessions)
            .venueSearch(InMemoryVenueCatalog.withExamples())
            .clock(clock)
            .draw(() -> DRAW)
            .timeout(CORE_TIMEOUT)
            .build();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final HttpSettings settings;
    final WebApp web;
    private final ResponseRenderer renderer = new ResponseRenderer();

    Site() {
        this(UnaryOperator.identity());
    }

    Site(UnaryOperator<HttpSettings.Builder> configure) {
        settings = configure.apply(HttpSettings.builder().clock(clock)).build();
        web = new WebApp(app, settings, registry);
    }

    /** Sends {@code request} as it is, and renders the answer. */
    Answer send(Request request) {
        Response response = result(web.handle(request));
        ResponseRenderer.Rendered rendered = renderer.render(response);
        assertThat(rendered.status()).isEqualTo(response.status());
        return new Answer(response, rendered);
    }

    /** A request from a browser on this site, before cookies. */
    static Request fromHere(String method, String path) {
        return Request.of(method, path).withHeader("Host", HOST);
    }

    Answer get(String path) {
        return send(fromHere("GET", path));
    }

    /** A new browser on this site, without cookies yet. */
    Browser browser() {
        return new Browser(this);
    }
}
