package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.websocket.WhereToEatClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The built jar in embedded mode, used the way a browser and a bot use it. */
class EmbeddedModeIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSessionFromTheJoinFormCarriesIntoTheLiveConnectionAndAVoteReachesTheOthers() throws Exception {
        try (AppProcess app = AppProcess.start(Map.of())) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(app.page("/a/office-3f")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().allValues("Set-Cookie")).as("a page view starts no session").isEmpty();
            HttpResponse<String> joined = http.send(HttpRequest.newBuilder(app.page("/a/office-3f/join"))
                    .header("Origin", "http://127.0.0.1:" + app.httpPort)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=&name=Ann")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(joined.statusCode()).isEqualTo(303);
            String token = sessionCookie(joined);

            WhereToEatClient ann = WhereToEatClient.to(app.live())
                    .header("Cookie", "wte_session=" + token)
                    .header("Origin", "http://127.0.0.1:" + app.httpPort)
                    .connect().get(10, TimeUnit.SECONDS);
            WhereToEatClient bob = WhereToEatClient.to(app.live()).connect().get(10, TimeUnit.SECONDS);
            assertThat(bob.session()).as("connecting starts no session").isNull();
            ann.join("office-3f", "Ann").get(10, TimeUnit.SECONDS);
            bob.join("office-3f", "Bob").get(10, TimeUnit.SECONDS);
            assertThat(bob.session()).as("the first join issues one").isNotNull().isNotEqualTo(token);

            HttpResponse<String> vote = http.send(HttpRequest.newBuilder(app.page("/api/areas/office-3f/vote"))
                    .header("Cookie", "wte_session=" + token)
                    .header("Origin", "http://127.0.0.1:" + app.httpPort)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"venue\":{\"name\":\"Noodle Bar\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(vote.statusCode()).as("the browser's session is Ann, who joined live: %s", vote.body()).isEqualTo(200);
            JsonNode seenByBob = bob.awaitMessage(m -> "vote-cast".equals(m.path("type").asText()), WAIT);
            assertThat(seenByBob.path("vote").path("voter").asText()).isEqualTo("Ann");
            assertThat(ann.awaitMessage(m -> "vote-cast".equals(m.path("type").asText()), WAIT))
                    .as("the voter's own live connection hears the vote too").isNotNull();
        }
    }

    @Test
    void sigtermClosesLiveConnectionsAsGoingAwayAndExitsCleanly() throws Exception {
        try (AppProcess app = AppProcess.start(Map.of())) {
            WhereToEatClient client = WhereToEatClient.to(app.live()).connect().get(10, TimeUnit.SECONDS);
            client.join("office-3f", "Ann").get(10, TimeUnit.SECONDS);

            int status = app.terminate();

            assertThat(status).isZero();
            assertThat(client.awaitClose(WAIT)).as("1001: going away, reconnect elsewhere").isEqualTo(1001);
            assertThat(app.output()).contains("stopping", "stopped");
        }
    }

    @Test
    void theLogIsOneLinePerEventAndSaysWhereToGo() throws Exception {
        try (AppProcess app = AppProcess.start(Map.of())) {
            assertThat(app.readyLine).contains("http://localhost:" + app.httpPort + "/");
            assertThat(app.output()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void aLowFileDescriptorLimitIsWarnedAboutAtStartNamingTheSetting() {
        try (AppProcess app = AppProcess.startWithOpenFiles(900, Map.of())) {
            assertThat(app.output()).containsPattern("WARN .*file-descriptor limit \\(900\\).* 644 .*MAX_CONNECTIONS")
                    .contains("live connections: at most 644");
        }
    }

    @Test
    void anAmpleFileDescriptorLimitStartsWithoutAWarning() {
        try (AppProcess app = AppProcess.startWithOpenFiles(20_000, Map.of())) {
            assertThat(app.output()).contains("live connections: at most 18000").doesNotContain("file-descriptor limit (");
        }
    }

    @Test
    void helpPrintsEveryVariableAndExitsZero() throws Exception {
        AppProcess.Finished help = AppProcess.run(List.of("--help"), Map.of());

        assertThat(help.status()).isZero();
        assertThat(help.output()).contains("PORT", "REDIS_URL", "ALLOWED_ORIGINS",
                "VOTE_LIFETIME", "MEMBER_LIFETIME", "LOG_LEVEL");
    }

    @Test
    void versionPrintsTheVersionTheJarWasBuiltAs() throws Exception {
        AppProcess.Finished version = AppProcess.run(List.of("--version"), Map.of());

        assertThat(version.status()).isZero();
        assertThat(version.output().strip()).matches("where-to-eat \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void anInvalidSettingStopsTheStartWithOneClearLine() throws Exception {
        AppProcess.Finished refused = AppProcess.run(List.of(), Map.of("PORT", "eighty"));

        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.output().strip()).isEqualTo("where-to-eat: PORT='eighty': not a port number (0 to 65535)");
    }

    @Test
    void aPortSomeoneElseHoldsStopsTheStartNamingTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AppProcess.Finished refused = AppProcess.run(List.of(), Map.of("HOST", "127.0.0.1",
                    "PORT", String.valueOf(taken.getLocalPort())));

            assertThat(refused.status()).isEqualTo(2);
            assertThat(refused.output()).contains("PORT='" + taken.getLocalPort() + "': the port is in use")
                    .doesNotContain("\tat ");
        }
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("wte_session="))
                .map(cookie -> cookie.substring("wte_session=".length(), cookie.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("The page set no session cookie: " + response.headers()));
    }
}
