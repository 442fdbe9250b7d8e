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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A few conversations over real loopback HTTP, through the JDK server. */
class LoopbackHttpTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final Site site = new Site();
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(LIMIT).build();
    private WhereToEatHttpServer server;

    @BeforeEach
    void start() {
        server = new WhereToEatHttpServer(site.app,
                HttpSettings.defaults().withBindAddress("127.0.0.1").withPort(0).withThreads(2));
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
        assertThat(page.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith("wte_session=").contains("HttpOnly", "SameSite=Lax", "Path=/");
        HttpCookie session = cookies.getCookieStore().getCookies().get(0);
        assertThat(session.getName()).isEqualTo("wte_session");
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> joined = send(HttpRequest.newBuilder(uri("/a/office-3f/join"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin())
                .POST(BodyPublishers.ofString("csrf=" + csrf.group(1) + "&name=Ann")));
        assertThat(joined.statusCode()).isEqualTo(303);
        assertThat(joined.headers().firstValue("Location")).hasValue("/a/office-3f");

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
    void clientsThatStallHalfWayThroughARequestDoNotHoldEveryThread() throws Exception {
        // Both of the server's two threads block reading a request line that never ends.
        try (Socket first = stalled(); Socket second = stalled()) {
            awaitBusyThreads(server, 2);

            HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/healthz")));

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(first.getInputStream().read()).as("the server hung up on the stalled client").isEqualTo(-1);
            assertThat(second.getInputStream().read()).as("the server hung up on the stalled client").isEqualTo(-1);
        }
    }

    /** A connection that sends half a request line and then nothing (this JVM's limit is one second, see the pom). */
    private Socket stalled() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout((int) LIMIT.toMillis());
        socket.getOutputStream().write("GET /healthz HT".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static void awaitBusyThreads(WhereToEatHttpServer server, int count) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (server.busyThreads() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The stalled clients did not reach the server's threads within " + LIMIT);
            }
            LockSupport.parkNanos(1_000_000);
        }
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
        WhereToEatHttpServer impatient = new WhereToEatHttpServer(patient, HttpSettings.defaults()
                .withBindAddress("127.0.0.1").withPort(0).withRequestTimeout(Duration.ofMillis(200)));
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
        Response answer = server.await(Site.fromHere("GET", "/api/areas/office-3f"),
                CompletableFuture.failedFuture(new IllegalStateException("a bug, acted out")));

        Answer sent = new Answer(answer, new ResponseRenderer().render(answer));
        assertThat(sent.status()).isEqualTo(500);
        assertThat(sent.json().at("/error/code").asText()).isEqualTo("internal");
        assertSecured(sent);
    }

    @Test
    void stoppingLetsARequestInFlightFinishAndThenStopsAtOnce() throws Exception {
        site.store.simulate(Fault.HUNG);
        WhereToEatHttpServer stopping = new WhereToEatHttpServer(site.app,
                HttpSettings.defaults().withBindAddress("127.0.0.1").withPort(0));
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
        WhereToEatHttpServer stopping = new WhereToEatHttpServer(patient,
                HttpSettings.defaults().withBindAddress("127.0.0.1").withPort(0));
        stopping.start();
        String base = "http://127.0.0.1:" + stopping.port();
        // A post with a body: once the body is in, the JDK's request limit (one second here) no longer applies.
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

    private static void awaitStopping(WhereToEatHttpServer server) {
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
        WhereToEatHttpServer idle = new WhereToEatHttpServer(site.app,
                HttpSettings.defaults().withBindAddress("127.0.0.1").withPort(0));
        idle.start();

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> idle.stop(Duration.ofSeconds(30)));
    }

    private static void awaitInFlight(WhereToEatHttpServer server, int count) {
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
