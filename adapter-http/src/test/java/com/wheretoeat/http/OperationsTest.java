package com.wheretoeat.http;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.error.WhereToEatException;
import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.core.model.AreaName;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OperationsTest {
    private final AtomicInteger liveConnections = new AtomicInteger();
    private final Site site = new Site(settings -> settings.liveConnections(liveConnections::get));

    @Test
    void healthSaysTheProcessIsAlive() {
        Answer health = site.get("/healthz");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("alive");
    }

    @Test
    void readinessSaysStorageAnswers() {
        Answer ready = site.get("/readyz");

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void readinessFailsWhenStorageIsDown() {
        site.store.simulate(Fault.DOWN);

        Answer notReady = site.get("/readyz");

        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.error().code()).isEqualTo("unavailable");
        assertThat(notReady.error().message()).isNotBlank();
    }

    @Test
    void readinessFailsWithinTheCoreTimeoutWhenStorageHangs() {
        site.store.simulate(Fault.HUNG);

        Answer notReady = site.get("/readyz");

        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.error().code()).isEqualTo("unavailable");
    }

    @Test
    void aStoppingServerTurnsNewRequestsAwayAndIsNotReady() {
        site.web.stopTakingRequests();

        Answer ready = site.get("/readyz");
        Answer page = site.browser().open("office-3f");

        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.error().code()).isEqualTo("unavailable");
        assertThat(ready.error().message()).isEqualTo("The server is restarting; please try again in a moment.");
        assertThat(ready.header("Connection")).isEqualTo("close");
        SecurityHeaders.assertSecured(ready);
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.html()).contains("The server is restarting; please try again in a moment.");
        assertThat(page.cookie("wte_session")).as("no session is started for a request turned away").isEmpty();
    }

    @Test
    void healthDoesNotDependOnStorage() {
        site.store.simulate(Fault.DOWN);

        assertThat(site.get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void theAreaPageSaysWhenStorageIsDown() {
        site.store.simulate(Fault.DOWN);

        Answer page = site.browser().open("office-3f");

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.html()).contains("Something went wrong when loading the votes.");
    }

    @Test
    void theApiSaysWhenSessionsAreDown() {
        site.sessions.simulate(Fault.DOWN);

        Answer refused = site.send(Site.fromHere("POST", "/api/areas/office-3f/join")
                .withBody("application/json", "{\"name\":\"Ann\"}"));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("unavailable");
    }

    @Test
    void metricsCountRequestsVotesErrorsAndLiveConnections() {
        Browser ann = site.browser();
        ann.open("office-3f");
        ann.join("office-3f", "Ann");
        ann.voteListed("office-3f", "example:taco-stand");
        site.get("/nowhere");
        liveConnections.set(3);

        Answer metrics = site.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.wire().text())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/a/{area}\",status=\"200\"} 1")
                .contains("http_server_requests_seconds_sum")
                .contains("wte_http_votes_total 1.0")
                .contains("wte_errors_total{code=\"not-found\"} 1.0")
                .contains("wte_live_connections 3.0");
    }

    @Test
    void aRequestThatTimesOutIsCountedOnceAsTheAnswerItGot() {
        Site impatient = new Site(settings -> settings.requestTimeout(Duration.ofMillis(50)));
        impatient.store.simulate(Fault.HUNG);

        Answer late = impatient.get("/api/areas/office-3f");
        // The core gives up on the first call before it gives up on this later one.
        assertThatThrownBy(() -> result(impatient.app.snapshot(AreaName.of("later"))))
                .isInstanceOfSatisfying(WhereToEatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));

        assertThat(late.status()).isEqualTo(503);
        assertThat(late.json().at("/error/message").asText()).isEqualTo(WebApp.TIMED_OUT);
        assertThat(impatient.get("/metrics").wire().text())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/areas/{area}\",status=\"503\"} 1\n")
                .doesNotContainPattern("route=\"/api/areas/\\{area\\}\",status=\"(?!503\")")
                .contains("wte_errors_total{code=\"unavailable\"} 1.0");
    }

    @Test
    void unmatchedPathsShareOneMetricSoTheyCannotFloodIt() {
        site.get("/a1");
        site.get("/a2");
        site.send(Site.fromHere("BREW", "/pot"));

        assertThat(site.get("/metrics").wire().text())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"} 2")
                .contains("method=\"OTHER\"")
                .doesNotContain("/a1").doesNotContain("BREW");
    }
}
