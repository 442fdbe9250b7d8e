package com.wheretoeat.http;

import static com.wheretoeat.http.SecurityHeaders.assertSecured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.memory.Fault;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.ArrayList;
import java.util.List;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conversations over real loopback HTTP, through the Netty server, hostile ones included. */
class LoopbackHttpTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    /** Short transport limits, so that cutting off slow and silent clients shows without a long wait. */
    private static final ServerSettings QUICK = ServerSettings.builder()
            .firstRequestTimeout(Duration.ofSeconds(1)).requestReadTimeout(Duration.ofSeconds(2)).build();

    private final Site site = new Site();
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(LIMIT).build();
    private WhereToEatServer server;

    @BeforeEach
    void start() {
        server = new WhereToEatServer(site.app,
                HttpSettings.builder().bindAddress("127.0.0.1").port(0).threads(2).build(), QUICK,
                site.registry).upgrade("/echo", () -> new Echo());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(LIMIT).build(), BodyHandlers.ofString());
    }

    @Test
    void aBrowserLoadsThePageJoinsAndSeesItselfThroughRedirects() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/a/office-3f")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Set-Cookie")).as("a page view starts no session").isEmpty();
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        assertThat(csrf.group(1)).as("no session, no token: the join form relies on the origin").isEmpty();

        HttpResponse<String> joined = send(HttpRequest.newBuilder(uri("/a/office-3f/join"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin())
                .POST(BodyPublishers.ofString("csrf=" + csrf.group(1) + "&name=Ann")));
        assertThat(joined.statusCode()).isEqualTo(303);
        assertThat(joined.headers().firstValue("Location")).hasValue("/a/office-3f");
        assertThat(joined.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith("wte_session=").contains("HttpOnly", "SameSite=Lax", "Path=/");
        HttpCookie session = cookies.getCookieStore().getCookies().get(0);
        assertThat(session.getName()).isEqualTo("wte_session");

        HttpResponse<String> after = send(HttpRequest.newBuilder(uri("/a/office-3f")));
        assertThat(after.body()).contains("<li class=\"member you\">Ann <em class=\"you-mark\">(you)</em></li>");
        assertThat(after.headers().firstValue("Set-Cookie")).as("the same session, its cookie renewed")
                .hasValueSatisfying(cookie -> assertThat(cookie).startsWith("wte_session=" + session.getValue() + ";"));
    }

    @Test
    void aProgramJoinsAndReadsTheSnapshotAsJson() throws Exception {
        HttpResponse<String> joined = send(HttpRequest.newBuilder(uri("/api/areas/team/join"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"name\":\"Bot\"}")));
        assertThat(joined.statusCode()).isEqualTo(200);
        assertThat(joined.headers().firstValue("Content-Type")).hasValue("application/json");

        HttpResponse<String> voted = send(HttpRequest.newBuilder(uri("/api/areas/team/vote"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"venue\":{\"name\":\"Pho Corner\"}}")));
        assertThat(voted.statusCode()).isEqualTo(200);

        HttpResponse<String> snapshot = send(HttpRequest.newBuilder(uri("/api/areas/team")));
        assertThat(snapshot.body()).contains("\"members\":[{\"name\":\"Bot\"")
                .contains("\"tally\":[{\"venue\":{\"id\":\"custom:pho-corner\",\"name\":\"Pho Corner\"},\"votes\":1");
    }

    @Test
    void aBodyOverTheLimitIsRefusedOnTheWire() throws Exception {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/areas/team/join"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"" + "x".repeat(70_000) + "\"}")));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("\"code\":\"too-large\"");
        assertThat(send(HttpRequest.newBuilder(uri("/healthz"))).statusCode()).isEqualTo(200);
    }

    @Test
    void aHugeBodyIsRefusedAndTheServerCarriesOn() throws Exception {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/a/office-3f/join"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofByteArray(new byte[3 * 1024 * 1024])));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Connection")).hasValue("close");
        assertThat(send(HttpRequest.newBuilder(uri("/healthz"))).statusCode()).isEqualTo(200);
    }

    @Test
    void eightSlowHeaderClientsDoNotDelayOthersAndAreCutOff() throws Exception {
        // Eight clients send their headers a byte at a time and never finish (slowloris). The JDK
        // server this replaced gave each a pool thread, and /healthz waited 9-10 s behind them.
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                slow.add(stalled());
            }
            for (Socket socket : slow) {
                socket.getOutputStream().write("X-Slow: a".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }

            long started = System.nanoTime();
            HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/healthz")));

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("answered long before the slow clients' deadline").isLessThan(QUICK.firstRequestTimeout());
            for (Socket socket : slow) {
                assertThat(socket.getInputStream().read()).as("the server hung up on the slow client").isEqualTo(-1);
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aConnectionThatSaysNothingIsClosedAfterTheFirstRequestTimeout() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", server.port())) {
            silent.setSoTimeout((int) LIMIT.toMillis());
            long started = System.nanoTime();

            assertThat(silent.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(QUICK.firstRequestTimeout().minusMillis(100)).isLessThan(LIMIT);
        }
    }

    @Test
    void aKeepAliveConnectionWaitingForItsNextRequestIsClosedAfterTheFirstRequestTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) LIMIT.toMillis());
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            String answered = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answered).startsWith("HTTP/1.1 200").contains("\"alive\"");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderTheyCame() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) LIMIT.toMillis());
            socket.getOutputStream().write(("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            String answered = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answered.indexOf("\"ready\"")).isPositive().isLessThan(answered.indexOf("\"alive\""));
            assertThat(answered.indexOf("HTTP/1.1 404")).isGreaterThan(answered.indexOf("\"alive\""));
        }
    }

    @Test
    void aRequestLineThatCannotBeReadIsRefusedWithTheSecurityHeaders() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) LIMIT.toMillis());
            socket.getOutputStream().write(("GET /" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            String answered = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answered).startsWith("HTTP/1.1 400").contains("X-Content-Type-Options: nosniff")
                    .contains("Connection: close");
        }
    }

    @Test
    void whileTheServerCannotAcceptItIsNotReadyAndItIsAgainOnceItAccepts() throws Exception {
        // A connection accepted before, kept alive by the client for the next request.
        assertThat(send(HttpRequest.newBuilder(uri("/healthz"))).statusCode()).isEqualTo(200);
        // Acts out what Netty's acceptor reports when the process is out of file descriptors, on the
        // listener's own event loop as Netty does, and waits until it has been handled there: fired
        // from this thread it would only be queued, and /readyz could answer before it was seen.
        Channel listener = server.listener();
        listener.eventLoop().submit(() -> listener.pipeline()
                .fireExceptionCaught(new IOException("accept(..) failed: Too many open files"))).sync();
        HttpResponse<String> notReady = send(HttpRequest.newBuilder(uri("/readyz")));

        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("cannot take new connections");

        try (Socket accepted = new Socket("127.0.0.1", server.port())) {
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/readyz"))
                    .timeout(LIMIT).build(), BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRequestForAnUpgradePathIsHandedToItsTakerAndOthersStillReachThePages() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) LIMIT.toMillis());
            socket.getOutputStream().write("GET /echo?x=1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            String answered = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answered).startsWith("HTTP/1.1 200").endsWith("taken over: /echo?x=1");
        }
        assertThat(send(HttpRequest.newBuilder(uri("/echo/more"))).statusCode()).isEqualTo(404);
    }

    /** A taker for an upgrade path: answers the request it was handed, then closes. */
    private static final class Echo extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            byte[] body = ("taken over: " + request.uri()).getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(body));
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A connection that sends half a request line and then nothing. */
    private Socket stalled() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout((int) LIMIT.toMillis());
        socket.getOutputStream().write("GET /healthz HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    @Test
    void unknownPathsWrongMethodsAndAssetsAnswerOnTheWire() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/api/nothing"))).body()).contains("\"code\":\"not-found\"");
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/healthz")).DELETE());
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> css = send(HttpRequest.newBuilder(uri("/static/style.css")));
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
    }

    @Test
    void aRequestTheCoreDoesNotAnswerWithinTheRequestTimeoutGetsItsOwnUnavailable() throws Exception {
        site.store.simulate(Fault.HUNG);
        // The core would give up only after five seconds, so the answer can only be the request timeout's.
        WhereToEat patient = WhereToEat.builder().areas(site.store, site.events).sessions(site.sessions)
                .timeout(Duration.ofSeconds(5)).build();
        WhereToEatServer impatient = new WhereToEatServer(patient, HttpSettings.builder()
                .bindAddress("127.0.0.1").port(0).requestTimeout(Duration.ofMillis(200)).build());
        impatient.start();
        try {
            HttpResponse<String> late = send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + impatient.port() + "/api/areas/office-3f")));

            assertThat(late.statusCode()).isEqualTo(503);
            assertThat(late.body()).contains("\"code\":\"unavailable\"")
                    .contains("\"message\":\"The service did not answer in time. Please try again.\"");
            assertSecured(name -> late.headers().firstValue(name).orElse(null));
        } finally {
            impatient.stop(Duration.ZERO);
        }
    }

    @Test
    void anAnswerThatFailsAnywayBecomesA500WithTheSecurityHeaders() throws Exception {
        Response answer = server.settle(Site.fromHere("GET", "/api/areas/office-3f"),
                CompletableFuture.failedFuture(new IllegalStateException("a bug, acted out"))).toCompletableFuture().join();

        Answer sent = new Answer(answer, new ResponseRenderer().render(answer));
        assertThat(sent.status()).isEqualTo(500);
        assertThat(sent.json().at("/error/code").asText()).isEqualTo("internal");
        assertSecured(sent);
    }

    @Test
    void stoppingLetsARequestInFlightFinishAndThenStopsAtOnce() throws Exception {
        site.store.simulate(Fault.HUNG);
        WhereToEatServer stopping = new WhereToEatServer(site.app,
                HttpSettings.builder().bindAddress("127.0.0.1").port(0).build());
        stopping.start();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + stopping.port() + "/readyz")).timeout(LIMIT).build(),
                BodyHandlers.ofString());
        awaitInFlight(stopping, 1);

        stopping.stop(Duration.ofSeconds(5));

        assertThat(inFlight.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS).statusCode())
                .as("the hung store answers unavailable within the core's timeout, and that answer is sent")
                .isEqualTo(503);
        assertThat(stopping.inFlight()).isZero();
    }

    @Test
    void aRequestArrivingWhileTheServerStopsIsTurnedAwayAndTheOneInFlightFinishes() throws Exception {
        site.store.simulate(Fault.HUNG);
        // A core that gives up after three seconds keeps the first request in flight while the stop begins.
        WhereToEat patient = WhereToEat.builder().areas(site.store, site.events).sessions(site.sessions)
                .timeout(Duration.ofSeconds(3)).build();
        WhereToEatServer stopping = new WhereToEatServer(patient,
                HttpSettings.builder().bindAddress("127.0.0.1").port(0).build());
        stopping.start();
        String base = "http://127.0.0.1:" + stopping.port();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                URI.create(base + "/api/areas/office-3f/join")).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"Ann\"}")).timeout(LIMIT).build(), BodyHandlers.ofString());
        awaitInFlight(stopping, 1);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> stopping.stop(LIMIT));
        awaitStopping(stopping);
        HttpResponse<String> turnedAway = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/readyz")).timeout(LIMIT).build(), BodyHandlers.ofString());

        assertThat(turnedAway.statusCode()).isEqualTo(503);
        assertThat(turnedAway.body()).contains("The server is restarting; please try again in a moment.");
        assertThat(turnedAway.headers().firstValue("Connection")).hasValue("close");
        assertThat(inFlight.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS).body())
                .as("the request in flight got the core's own answer, not the restart notice")
                .contains("Something went wrong when joining the area.");
        stopped.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void awaitStopping(WhereToEatServer server) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!server.isStopping()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The stop did not begin within " + LIMIT);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void stoppingAnIdleServerDoesNotWaitForTheGracePeriod() {
        WhereToEatServer idle = new WhereToEatServer(site.app,
                HttpSettings.builder().bindAddress("127.0.0.1").port(0).build());
        idle.start();

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> idle.stop(Duration.ofSeconds(30)));
    }

    private static void awaitInFlight(WhereToEatServer server, int count) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (server.inFlight() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No request reached the server within " + LIMIT);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void aStoppedServerTakesNoMoreConnections() throws Exception {
        URI health = uri("/healthz");
        assertThat(send(HttpRequest.newBuilder(health)).statusCode()).isEqualTo(200);

        server.stop(Duration.ZERO);

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).timeout(LIMIT).build(),
                BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
}
