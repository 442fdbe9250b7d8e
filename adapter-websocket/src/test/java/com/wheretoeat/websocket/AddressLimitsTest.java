package com.wheretoeat.websocket;

import static com.wheretoeat.websocket.LiveArea.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.TrustedProxies;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** Connections per client address: one address at its limit is refused, nobody else is. */
class AddressLimitsTest {
    private static final String LOOPBACK = "127.0.0.1";

    @Test
    void anAddressAtItsLimitIsRefusedWithTooManyConnectionsWhileAnotherAddressConnects() throws IOException {
        try (LiveArea live = new LiveArea(settings -> settings.maxConnectionsPerAddress(2))) {
            WhereToEatClient first = live.connect();
            live.connect();

            try (RawSocket third = RawSocket.open(live.server.port())) {
                String head = third.handshake("/live", Map.of());
                assertThat(head).startsWith("HTTP/1.1 429").containsIgnoringCase("Content-Type: application/json");
                assertThat(third.readToEnd()).contains("\"code\":\"too-many-connections\"");
            }
            try (RawSocket elsewhere = RawSocket.openFrom("127.0.0.2", live.server.port())) {
                assertThat(elsewhere.handshake("/live", Map.of())).as("another address").startsWith("HTTP/1.1 101");
            }

            first.close();
            await(() -> slots(live).held(LOOPBACK), 1);
            assertThat(live.connect().awaitOpen(WAIT).isOpen()).as("closing one frees a slot").isTrue();
        }
    }

    @Test
    void countsReturnToZeroWhateverWayAConnectionEnds() throws IOException {
        try (LiveArea live = new LiveArea(settings -> settings.maxConnectionsPerAddress(2).maxMessageBytes(256))) {
            // Refused for want of room.
            List<WhereToEatClient> two = List.of(live.connect(), live.connect());
            try (RawSocket refused = RawSocket.open(live.server.port())) {
                assertThat(refused.handshake("/live", Map.of())).startsWith("HTTP/1.1 429");
            }
            two.forEach(WhereToEatClient::close);
            await(() -> slots(live).held(LOOPBACK), 0);

            // Refused before the upgrade for other reasons: an origin, no WebSocket, an old version.
            try (RawSocket origin = RawSocket.open(live.server.port())) {
                assertThat(origin.handshake("/live", Map.of("Origin", "https://evil.example"))).startsWith("HTTP/1.1 403");
            }
            try (RawSocket plain = RawSocket.open(live.server.port())) {
                assertThat(plain.handshake("/live", Map.of("Upgrade", "h2c"))).startsWith("HTTP/1.1 400");
            }
            try (RawSocket old = RawSocket.open(live.server.port())) {
                assertThat(old.handshake("/live", Map.of("Sec-WebSocket-Version", "99"))).startsWith("HTTP/1.1 426");
            }
            // Upgraded, then cut off by the server (too large), dropped by the client, or gone without a word.
            try (RawSocket large = RawSocket.upgraded(live.server.port())) {
                large.sendText("x".repeat(1000));
                assertThat(large.awaitEnd(WAIT)).isTrue();
            }
            RawSocket dropped = RawSocket.upgraded(live.server.port());
            dropped.close();
            WhereToEatClient polite = live.connect();
            polite.close();
            polite.awaitClose(WAIT);

            await(() -> slots(live).held(LOOPBACK), 0);
            assertThat(slots(live).addresses()).as("no entry is left for an address without connections").isZero();
            live.awaitConnectionCount(0);
        }
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerCannotDodgeTheLimit() throws IOException {
        try (LiveArea live = new LiveArea(settings -> settings.maxConnectionsPerAddress(1))) {
            live.connect(WhereToEatClient.to(live.uri()).header("X-Forwarded-For", "203.0.113.1"));

            try (RawSocket spoofer = RawSocket.open(live.server.port())) {
                assertThat(spoofer.handshake("/live", Map.of("X-Forwarded-For", "203.0.113.2"))).startsWith("HTTP/1.1 429");
            }
            assertThat(slots(live).held(LOOPBACK)).isEqualTo(1);
        }
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnLimit() throws IOException {
        try (LiveArea live = new LiveArea(settings -> settings.maxConnectionsPerAddress(1)
                .trustedProxies(TrustedProxies.parse(LOOPBACK)))) {
            live.connect(WhereToEatClient.to(live.uri()).header("X-Forwarded-For", "203.0.113.1"));
            live.connect(WhereToEatClient.to(live.uri()).header("X-Forwarded-For", "203.0.113.2"));

            try (RawSocket again = RawSocket.open(live.server.port())) {
                assertThat(again.handshake("/live", Map.of("X-Forwarded-For", "198.51.100.7, 203.0.113.1")))
                        .as("what the client put left of the proxy's entry does not count").startsWith("HTTP/1.1 429");
            }
            assertThat(slots(live).held("203.0.113.1")).isEqualTo(1);
            assertThat(slots(live).held("203.0.113.2")).isEqualTo(1);
            assertThat(slots(live).held(LOOPBACK)).isZero();
        }
    }

    @Test
    void aFloodFromOneAddressLeavesOthersTheirPlace() throws IOException {
        try (LiveArea live = new LiveArea(settings -> settings.maxConnectionsPerAddress(5).maxConnections(8))) {
            List<RawSocket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    RawSocket raw = RawSocket.open(live.server.port());
                    flood.add(raw);
                    raw.handshake("/live", Map.of());
                }
                assertThat(slots(live).held(LOOPBACK)).isEqualTo(5);
                try (RawSocket other = RawSocket.openFrom("127.0.0.3", live.server.port())) {
                    assertThat(other.handshake("/live", Map.of())).startsWith("HTTP/1.1 101");
                }
            } finally {
                for (RawSocket raw : flood) {
                    raw.close();
                }
            }
        }
    }

    private static AddressSlots slots(LiveArea live) {
        return live.server.endpoint().slots;
    }

    /** Polls: the slots offer nothing to wait on, and a close is dealt with on the event loop. */
    private static void await(IntSupplier actual, int expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (actual.getAsInt() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + expected + " within " + WAIT + " but was " + actual.getAsInt());
            }
            Thread.onSpinWait();
        }
    }
}
