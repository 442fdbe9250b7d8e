package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Browsers of other sites are refused before the upgrade; clients that are not browsers send no origin. */
class OriginTest {

    @Test
    void withNoOriginsConfiguredOnlyPagesOfTheServersOwnOriginMayConnect() throws IOException {
        try (LiveArea live = new LiveArea()) {
            String own = "http://127.0.0.1:" + live.server.port();

            assertThat(handshake(live, Map.of("Origin", own))).startsWith("HTTP/1.1 101");
            assertThat(handshake(live, Map.of("Origin", own + "/"))).startsWith("HTTP/1.1 101");
            assertThat(handshake(live, Map.of("Origin", "http://127.0.0.1:" + otherPort(live))))
                    .as("another port of the same host is another site").startsWith("HTTP/1.1 403");
            assertThat(handshake(live, Map.of("Origin", "https://evil.example"))).doesNotStartWith("HTTP/1.1 101");
            assertThat(handshake(live, Map.of("Origin", "http://127.0.0.1.evil.example"))).doesNotStartWith("HTTP/1.1 101");
            assertThat(handshake(live, Map.of("Origin", "http://localhost:8080"))).as("another name").doesNotStartWith("HTTP/1.1 101");
            assertThat(handshake(live, Map.of("Origin", "null"))).doesNotStartWith("HTTP/1.1 101");
        }
    }

    @Test
    void aClientWithoutAnOriginIsNotABrowserAndMayConnect() throws IOException {
        try (LiveArea live = new LiveArea(settings -> settings.allowedOrigins(List.of("https://lunch.example")))) {
            assertThat(handshake(live, Map.of())).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void configuredOriginsAreTheOnlyOnesAllowed() throws IOException {
        try (LiveArea live = new LiveArea(settings -> settings.allowedOrigins(List.of("https://lunch.example")))) {
            assertThat(handshake(live, Map.of("Origin", "https://lunch.example"))).startsWith("HTTP/1.1 101");
            assertThat(handshake(live, Map.of("Origin", "https://LUNCH.example/"))).startsWith("HTTP/1.1 101");
            assertThat(handshake(live, Map.of("Origin", "https://lunch.example.evil.example"))).doesNotStartWith("HTTP/1.1 101");
            assertThat(handshake(live, Map.of("Origin", "http://127.0.0.1:" + live.server.port()))).doesNotStartWith("HTTP/1.1 101");
        }
    }

    @Test
    void aStarAllowsEveryOrigin() throws IOException {
        try (LiveArea live = new LiveArea(settings -> settings.allowedOrigins(List.of("*")))) {
            assertThat(handshake(live, Map.of("Origin", "https://anywhere.example"))).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void aRefusedOriginNeverBecomesAConnection() {
        try (LiveArea live = new LiveArea()) {
            WhereToEatClient.Connector foreign = WhereToEatClient.to(live.uri()).header("Origin", "https://evil.example");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> result(foreign.connect(), WAIT))
                    .hasMessageContaining("closed");
            assertThat(live.server.connectionCount()).isZero();
        }
    }

    @Test
    void aRefusedOriginIsAnsweredForbiddenNeverNotFound() throws IOException {
        try (LiveArea live = new LiveArea()) {
            assertThat(handshake(live, Map.of("Origin", "https://evil.example"))).startsWith("HTTP/1.1 403");
        }
    }

    private static int otherPort(LiveArea live) {
        return live.server.port() == 8080 ? 8081 : 8080;
    }

    private static String handshake(LiveArea live, Map<String, String> headers) throws IOException {
        try (RawSocket raw = RawSocket.open(live.server.port())) {
            return raw.handshake("/live", headers);
        }
    }
}
