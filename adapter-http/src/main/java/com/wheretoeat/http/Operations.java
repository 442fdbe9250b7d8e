package com.wheretoeat.http;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.error.ErrorCode;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The routes for those who run the service: liveness, readiness and metrics. */
final class Operations {
    /** Readiness reads this area; reading never creates it, so probing leaves nothing behind. */
    static final AreaName PROBE = AreaName.of("wte-readiness-probe");
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    static final String NOT_ACCEPTING = "The server cannot take new connections right now.";

    private final WhereToEat app;
    private final HttpMetrics metrics;
    private final BooleanSupplier accepting;

    Operations(WhereToEat app, HttpMetrics metrics, BooleanSupplier accepting) {
        this.app = app;
        this.metrics = metrics;
        this.accepting = accepting;
    }

    /** {@code GET /healthz}: answering at all proves the process is alive. */
    CompletionStage<Response> health(Request request, Map<String, String> params) {
        return CompletableFuture.completedFuture(Response.json(200, Map.of("status", "alive")));
    }

    /**
     * {@code GET /readyz}: the server accepts connections and storage answers within the core's
     * timeout, or 503 {@code unavailable}. A port that takes nobody (out of file descriptors) is not
     * ready, even though this request came in on a connection accepted before.
     */
    CompletionStage<Response> ready(Request request, Map<String, String> params) {
        if (!accepting.getAsBoolean()) {
            return CompletableFuture.completedFuture(Response.error(503, ErrorCode.UNAVAILABLE.code(), NOT_ACCEPTING,
                    Response.Body.Form.JSON));
        }
        return app.snapshot(PROBE).thenApply(snapshot -> Response.json(200, Map.of("status", "ready")));
    }

    /** {@code GET /metrics}: the Prometheus text format. */
    CompletionStage<Response> metrics(Request request, Map<String, String> params) {
        return CompletableFuture.completedFuture(Response.text(200, PROMETHEUS_TEXT, metrics.scrape()));
    }
}
