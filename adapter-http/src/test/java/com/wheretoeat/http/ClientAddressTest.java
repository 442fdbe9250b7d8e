package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.TrustedProxies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Over real loopback HTTP: whose allowance a request uses, by the peer and trusted proxies only. */
class ClientAddressTest {
    private final Site site = new Site();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private WhereToEatServer server;

    private void start(TrustedProxies proxies) {
        server = new WhereToEatServer(site.app, HttpSettings.builder().bindAddress("127.0.0.1").port(0).threads(2)
                .trustedProxies(proxies).build(), ServerSettings.defaults(), site.registry);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    /** A join without a cookie, so it needs a new session; answers the status. */
    private int joinAs(String name, String forwardedFor) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/areas/office-3f/join"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(), BodyHandlers.discarding()).statusCode();
    }

    private static final int LIMIT = com.wheretoeat.core.WhereToEatBuilder.DEFAULT_SESSIONS_PER_CLIENT_PER_MINUTE;

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerCannotDodgeTheLimit() throws Exception {
        start(TrustedProxies.none());
        for (int i = 0; i < LIMIT; i++) {
            assertThat(joinAs("Bot " + i, "203.0.113." + i)).isEqualTo(200);
        }

        assertThat(joinAs("Bot " + LIMIT, "203.0.113.250")).as("every header is ignored: all came from 127.0.0.1").isEqualTo(429);
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnAllowance() throws Exception {
        start(TrustedProxies.parse("127.0.0.1"));
        for (int i = 0; i < LIMIT; i++) {
            assertThat(joinAs("Bot " + i, "203.0.113.1")).isEqualTo(200);
        }

        assertThat(joinAs("Bot " + LIMIT, "203.0.113.1")).isEqualTo(429);
        assertThat(joinAs("Bot " + LIMIT, "198.51.100.1, 203.0.113.1"))
                .as("what the client wrote left of the proxy's entry does not count").isEqualTo(429);
        assertThat(joinAs("Ann", "203.0.113.2")).isEqualTo(200);
    }
}
