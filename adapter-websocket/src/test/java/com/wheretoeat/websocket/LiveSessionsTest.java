package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.model.TrustedProxies;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A session is issued by the first join, not by connecting or watching, and new ones are limited per address. */
class LiveSessionsTest {

    @Test
    void connectingAndWatchingWithoutASessionStartNone() {
        try (LiveArea live = new LiveArea()) {
            for (int i = 0; i < 5; i++) {
                WhereToEatClient visitor = live.connect();
                result(visitor.watch("office-3f"), WAIT);
                result(visitor.snapshot(), WAIT);
                assertThat(visitor.session()).isNull();
            }

            assertThat(live.sessions.count()).isZero();
            assertThat(live.connect().messages().get(0).has("session")).as("hello carries no session").isFalse();
        }
    }

    @Test
    void theFirstJoinIssuesExactlyOneSessionAndItsAckTellsIt() {
        try (LiveArea live = new LiveArea()) {
            WhereToEatClient ann = live.connect();
            result(ann.watch("office-3f"), WAIT);

            result(ann.join("office-3f", "Ann"), WAIT);
            result(ann.join("office-3f", "Annie"), WAIT);

            assertThat(live.sessions.count()).isEqualTo(1);
            JsonNode firstAck = ann.awaitMessage(m -> m.path("type").asText().equals("ack") && m.has("you"), WAIT);
            assertThat(firstAck.path("session").asText()).isNotEmpty().isEqualTo(ann.session());
            assertThat(ann.messages()).filteredOn(m -> m.has("session")).hasSize(1);
        }
    }

    @Test
    void theIssuedSessionResumesOnReconnect() {
        try (LiveArea live = new LiveArea()) {
            WhereToEatClient ann = live.connect();
            result(ann.join("office-3f", "Ann"), WAIT);

            WhereToEatClient again = result(ann.reconnect(), WAIT);

            assertThat(again.session()).isEqualTo(ann.session());
            assertThat(live.sessions.count()).isEqualTo(1);
        }
    }

    @Test
    void aFailedFirstJoinKeepsItsSessionForTheNextAndTellsItThen() {
        try (LiveArea live = new LiveArea()) {
            live.joined("office-3f", "Ann");
            WhereToEatClient eve = live.connect();

            assertThatThrownBy(() -> eve.join("office-3f", "Ann").join()).isInstanceOf(CompletionException.class);
            result(eve.join("office-3f", "Eve"), WAIT);

            assertThat(live.sessions.count()).isEqualTo(2);
            assertThat(eve.session()).isNotNull();
        }
    }

    @Test
    void pastItsNewSessionsAMinuteAnAddressIsRateLimitedWhileAnotherStillJoins() {
        try (LiveArea live = new LiveArea(LiveArea.Delivery.AT_ONCE, LiveArea.CORE_TIMEOUT,
                core -> core.sessionsPerClientPerMinute(2), settings -> settings.trustedProxies(TrustedProxies.parse("127.0.0.1")))) {
            WhereToEatClient.Connector minter = WhereToEatClient.to(live.uri()).retries(0).header("X-Forwarded-For", "203.0.113.9");
            result(live.connect(minter).join("office-3f", "One"), WAIT);
            result(live.connect(minter).join("office-3f", "Two"), WAIT);
            WhereToEatClient third = live.connect(minter);

            assertThatThrownBy(() -> third.join("office-3f", "Three").join()).cause()
                    .isInstanceOfSatisfying(ErrorReplyException.class, error -> {
                        assertThat(error.wireCode()).isEqualTo("rate-limited");
                        assertThat(error.getMessage()).contains("minute");
                    });
            assertThat(third.isOpen()).as("the connection stays usable").isTrue();
            WhereToEatClient member = live.connect(WhereToEatClient.to(live.uri()).retries(0)
                    .header("X-Forwarded-For", "203.0.113.10"));
            assertThat(result(member.join("office-3f", "Other"), WAIT).you().name().value()).isEqualTo("Other");
            assertThat(live.sessions.count()).isEqualTo(3);

            live.clock.advance(Duration.ofSeconds(30));
            assertThat(result(third.join("office-3f", "Three"), WAIT).you().name().value()).isEqualTo("Three");
        }
    }

    @Test
    void aClientWithASessionIsNotLimitedByNewOnesFromItsAddress() {
        try (LiveArea live = new LiveArea(LiveArea.Delivery.AT_ONCE, LiveArea.CORE_TIMEOUT,
                core -> core.sessionsPerClientPerMinute(1), settings -> settings)) {
            WhereToEatClient ann = live.joined("office-3f", "Ann");
            WhereToEatClient other = live.connect();
            assertThatThrownBy(() -> other.join("office-3f", "Bob").join()).isInstanceOf(CompletionException.class);

            WhereToEatClient annAgain = live.connect(WhereToEatClient.to(live.uri()).retries(0).session(ann.session()));

            assertThat(result(annAgain.join("office-3f", "Ann"), WAIT).you().name().value()).isEqualTo("Ann");
        }
    }
}
