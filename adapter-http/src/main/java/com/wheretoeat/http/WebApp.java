package com.wheretoeat.http;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.json.CoreJson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The whole HTTP adapter as a function from a {@link Request} to a {@link Response}, with no
 * network: routing, sessions, forgery checks, error mapping, security headers and metrics. The
 * server adapter only carries bytes to and from it; tests call {@link #handle} directly.
 */
public final class WebApp {
    private static final String API = "/api/";
    static final String TIMED_OUT = "The service did not answer in time. Please try again.";
    static final String RESTARTING = "The server is restarting; please try again in a moment.";

    private final HttpSettings settings;
    private final HttpMetrics metrics;
    private final LiveUrl liveUrl;
    private final Router router = new Router();
    /** The map's tile host as the CSP names it (" https://tile.openstreetmap.org"), or nothing. */
    private final String tileSource;
    /** Set while the server stops: requests still in flight finish, new ones are turned away. */
    private volatile boolean stopping;

    public WebApp(WhereToEat app, HttpSettings settings, PrometheusMeterRegistry registry) {
        this(app, settings, registry, () -> true);
    }

    /**
     * With {@code accepting}, whether the server in front can accept connections: while it cannot
     * (out of file descriptors), {@code /readyz} answers 503 however well storage answers.
     */
    public WebApp(WhereToEat app, HttpSettings settings, PrometheusMeterRegistry registry, BooleanSupplier accepting) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = new HttpMetrics(registry, settings);
        this.liveUrl = new LiveUrl(settings);
        this.tileSource = settings.mapTileOrigin().map(origin -> " " + origin).orElse("");
        SessionCookies sessions = new SessionCookies(app, settings);
        Pages pages = new Pages(app, sessions, liveUrl, metrics, settings);
        JsonApi api = new JsonApi(app, sessions, metrics, CoreJson.newMapper());
        Operations ops = new Operations(app, metrics, accepting);
        StaticAssets assets = new StaticAssets();
        router.add("GET", "/", pages::home)
                .add("GET", "/open", pages::open)
                .add("GET", "/a/{area}", pages::area)
                .add("POST", "/a/{area}/join", pages::join)
                .add("POST", "/a/{area}/vote", pages::vote)
                .add("POST", "/a/{area}/retract", pages::retract)
                .add("POST", "/a/{area}/leave", pages::leave)
                .add("POST", "/a/{area}/decide", pages::decide)
                .add("POST", "/a/{area}/deadline", pages::deadline)
                .add("POST", "/a/{area}/break-tie", pages::breakTie)
                .add("GET", "/api/areas/{area}", api::snapshot)
                .add("GET", "/api/areas/{area}/members", api::members)
                .add("GET", "/api/areas/{area}/me", api::me)
                .add("POST", "/api/areas/{area}/join", api::join)
                .add("POST", "/api/areas/{area}/vote", api::vote)
                .add("POST", "/api/areas/{area}/retract", api::retract)
                .add("POST", "/api/areas/{area}/leave", api::leave)
                .add("POST", "/api/areas/{area}/decide", api::decide)
                .add("POST", "/api/areas/{area}/deadline", api::deadline)
                .add("POST", "/api/areas/{area}/break-tie", api::breakTie)
                .add("GET", "/api/areas/{area}/history", api::history)
                .add("GET", "/api/areas/{area}/venues", api::venues)
                .add("POST", "/api/session", api::adopt)
                .add("GET", "/healthz", ops::health)
                .add("GET", "/readyz", ops::ready)
                .add("GET", "/metrics", ops::metrics)
                .add("GET", "/static/{file}", (request, params) -> CompletableFuture.completedFuture(
                        assets.serve(params.get("file")).orElseGet(() -> Failures.notFound(Response.Body.Form.PAGE))))
                .add("GET", "/static/leaflet/{version}/{file}", (request, params) -> CompletableFuture.completedFuture(
                        assets.serveLeaflet(params.get("version"), "", params.get("file"))
                                .orElseGet(() -> Failures.notFound(Response.Body.Form.PAGE))))
                .add("GET", "/static/leaflet/{version}/images/{file}", (request, params) -> CompletableFuture.completedFuture(
                        assets.serveLeaflet(params.get("version"), "images/", params.get("file"))
                                .orElseGet(() -> Failures.notFound(Response.Body.Form.PAGE))));
    }

    public HttpSettings settings() {
        return settings;
    }

    /**
     * The answer to {@code request}; the stage never fails: failures become error responses, and
     * an answer not ready within the request timeout becomes its own 503. Whichever comes first
     * is the answer, secured and counted once; the other is dropped.
     */
    public CompletionStage<Response> handle(Request request) {
        return handle(request, !stopping);
    }

    /**
     * The answer to {@code request} when the server in front has already decided whether it lets
     * the request in: one it let in is answered even if a stop begins meanwhile, one it did not is
     * turned away (503, {@code Connection: close}), secured and counted like any other answer.
     */
    CompletionStage<Response> handle(Request request, boolean letIn) {
        long started = System.nanoTime();
        Router.Match match = router.match(request.method(), request.path());
        Response.Body.Form form = formOf(match, request);
        String route = match instanceof Router.Match.Found found ? found.route().template() : "unmatched";
        CompletionStage<Response> answer;
        try {
            answer = letIn ? route(request, match, form) : CompletableFuture.completedFuture(restarting(form));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Response> first = new CompletableFuture<>();
        answer.whenComplete((response, error) -> first.complete(error == null ? response : Failures.of(error, form)));
        first.completeOnTimeout(timedOut(form), settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return first.thenApply(response -> secured(withBackLink(response, request), request))
                .whenComplete((response, error) -> {
                    if (response != null) {
                        metrics.request(request.method(), route, response.status(),
                                Duration.ofNanos(System.nanoTime() - started));
                        if (response.body() instanceof Response.Body.Error failure) {
                            metrics.error(failure.code());
                        }
                    }
                });
    }

    /**
     * The last-resort answer when answering failed anyway (a bug): 500, with the same security
     * headers as any other answer, and counted once.
     */
    public Response internalError(Request request) {
        Response.Body.Form form = formOf(router.match(request.method(), request.path()), request);
        metrics.request(request.method(), "unmatched", 500, Duration.ZERO);
        metrics.error(Failures.INTERNAL);
        return secured(Response.error(500, Failures.INTERNAL, "Something went wrong on our side. Please try again.",
                form), request);
    }

    /** The answer to a request the server could not read (a bad request line, a head too large), secured and counted. */
    Response malformed() {
        Request unreadable = Request.of("GET", "/");
        metrics.request("OTHER", "unmatched", 400, Duration.ZERO);
        metrics.error(ErrorCode.BAD_REQUEST.code());
        return secured(Response.error(400, ErrorCode.BAD_REQUEST.code(), "The request could not be read.",
                Response.Body.Form.PAGE), unreadable);
    }

    /**
     * From now on, new requests are answered 503 {@code unavailable} (readiness included, so a
     * load balancer stops sending any), with {@code Connection: close} so that clients reconnect
     * to another node; requests already being answered are not touched. For a {@code WebApp}
     * called directly; {@link WhereToEatServer} decides per request when it counts it in flight.
     */
    void stopTakingRequests() {
        stopping = true;
    }

    private static Response restarting(Response.Body.Form form) {
        return Response.error(503, ErrorCode.UNAVAILABLE.code(), RESTARTING, form).withHeader("Connection", "close");
    }

    /** The answer when the core did not answer within {@code requestTimeout}: a sentence of its own. */
    private static Response timedOut(Response.Body.Form form) {
        return Response.error(503, ErrorCode.UNAVAILABLE.code(), TIMED_OUT, form);
    }

    /**
     * JSON for the API's routes, a page for the others. Decided from the route that matched (the
     * path as routing decoded it), so {@code /%61pi/...} answers like {@code /api/...}.
     */
    private static Response.Body.Form formOf(Router.Match match, Request request) {
        boolean api = match instanceof Router.Match.Found found
                ? found.route().template().startsWith(API)
                : Router.segments(request.path()).map(segments -> segments.get(0).equals("api"))
                        .orElse(request.path().startsWith(API));
        return api ? Response.Body.Form.JSON : Response.Body.Form.PAGE;
    }

    private CompletionStage<Response> route(Request request, Router.Match match, Response.Body.Form form) {
        if (request.body().length > settings.maxBodyBytes()) {
            return CompletableFuture.completedFuture(Response.error(413, ErrorCode.TOO_LARGE.code(),
                    "The request body is larger than " + settings.maxBodyBytes() / 1024 + " KiB.", form));
        }
        if (match instanceof Router.Match.Found found) {
            return found.route().handler().handle(request, found.params());
        }
        if (match instanceof Router.Match.WrongMethod wrong) {
            return CompletableFuture.completedFuture(Response.error(405, Failures.METHOD_NOT_ALLOWED,
                    "This address does not take " + printable(request.method()) + " requests.", form)
                    .withHeader("Allow", String.join(", ", wrong.allowed())));
        }
        return CompletableFuture.completedFuture(Failures.notFound(form));
    }

    /** An error page under an area leads back to that area; elsewhere to the start. */
    private static Response withBackLink(Response response, Request request) {
        if (!(response.body() instanceof Response.Body.Error failure) || failure.form() != Response.Body.Form.PAGE) {
            return response;
        }
        String back = "/";
        List<String> segments = Router.segments(request.path()).orElse(List.of());
        if (segments.size() > 1 && segments.get(0).equals("a")) {
            try {
                back = Pages.areaPath(AreaName.of(segments.get(1)));
            } catch (RuntimeException notAnArea) {
                back = "/";
            }
        }
        return new Response(response.status(), response.headers(), response.cookies(),
                new Response.Body.Error(failure.code(), failure.message(), failure.form(), back));
    }

    /**
     * Headers every answer carries: no inline script or foreign content (the CSP; images only from
     * here and the map's one tile host), no framing by other sites, no guessing of content types, no
     * full URLs leaked to other sites, and no caching of personal pages.
     */
    private Response secured(Response response, Request request) {
        String csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:" + tileSource + "; "
                + "connect-src 'self' " + liveUrl.of(request) + "; form-action 'self'; base-uri 'none'; "
                + "frame-ancestors 'none'";
        return response.withDefaultHeader("Content-Security-Policy", csp)
                .withDefaultHeader("X-Content-Type-Options", "nosniff")
                .withDefaultHeader("X-Frame-Options", "DENY")
                .withDefaultHeader("Referrer-Policy", "same-origin")
                .withDefaultHeader("Cache-Control", "no-store");
    }

    private static String printable(String method) {
        return method.matches("[A-Z]{1,16}") ? method : "such";
    }
}
