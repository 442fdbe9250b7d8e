package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.websocket.WhereToEatClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The app wired in this JVM: what the end-to-end tests cannot see from outside. */
class ApplicationTest {

    @Test
    void withPortsPickedByTheSystemAPageOfThisHostMayStillGoLive() throws Exception {
        try (Application app = Application.start(Settings.fromEnvironment(
                Map.of("HOST", "127.0.0.1", "PORT", "0")))) {
            URI page = URI.create("http://127.0.0.1:" + app.httpPort() + "/a/office-3f");
            HttpResponse<String> html = HttpClient.newHttpClient().send(HttpRequest.newBuilder(page).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(html.body()).contains("ws://127.0.0.1:" + app.httpPort() + "/live");

            WhereToEatClient browser = WhereToEatClient.to(URI.create("ws://127.0.0.1:" + app.httpPort() + "/live"))
                    .header("Origin", "http://127.0.0.1:" + app.httpPort())
                    .connect().get(10, TimeUnit.SECONDS);

            assertThat(browser.join("office-3f", "Ann").get(10, TimeUnit.SECONDS).you().name().value()).isEqualTo("Ann");
            browser.vote("Noodle Bar").get(10, TimeUnit.SECONDS);
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).as("the JVM and the process are measured").contains("jvm_memory_used_bytes",
                    "jvm_threads_live_threads", "jvm_classes_loaded_classes", "process_cpu_usage",
                    "process_uptime_seconds", "process_files_open_files");
            assertThat(metrics).as("a live vote is counted").contains("wte_votes_total 1.0", "wte_http_votes_total 0.0");
            browser.close();
        }
    }

    @Test
    void aStartThatFailsLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Settings clash = Settings.fromEnvironment(Map.of("HOST", "127.0.0.1",
                    "PORT", String.valueOf(taken.getLocalPort())));

            assertThatThrownBy(() -> Application.start(clash))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("PORT='" + taken.getLocalPort() + "': the port is in use, or not ours to take");
        }
    }
}
