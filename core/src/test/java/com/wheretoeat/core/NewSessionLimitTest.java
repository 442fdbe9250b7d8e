package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.error.WhereToEatException;
import com.wheretoeat.core.memory.InMemorySessions;
import com.wheretoeat.core.memory.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class NewSessionLimitTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T11:45:00Z"));
    private final InMemorySessions sessions = new InMemorySessions();
    private final WhereToEat app = WhereToEat.builder().clock(clock).sessions(sessions).sessionsPerClientPerMinute(3).build();

    @Test
    void aClientPastItsSessionsAMinuteIsRateLimitedAndStartsNone() {
        for (int i = 0; i < 3; i++) {
            result(app.startSession("192.0.2.1"));
        }

        assertRateLimited("192.0.2.1");
        assertThat(sessions.count()).isEqualTo(3);
    }

    @Test
    void anotherClientStillGetsItsSessions() {
        for (int i = 0; i < 3; i++) {
            result(app.startSession("192.0.2.1"));
        }
        assertRateLimited("192.0.2.1");

        assertThat(result(app.startSession("192.0.2.2"))).isNotNull();
    }

    @Test
    void theAllowanceComesBackAtTheRateOverTheMinute() {
        for (int i = 0; i < 3; i++) {
            result(app.startSession("192.0.2.1"));
        }
        clock.advance(Duration.ofSeconds(19));
        assertRateLimited("192.0.2.1");

        clock.advance(Duration.ofSeconds(1));

        assertThat(result(app.startSession("192.0.2.1"))).isNotNull();
        assertRateLimited("192.0.2.1");
    }

    @Test
    void refusedAttemptsDoNotPushTheRefillBack() {
        for (int i = 0; i < 3; i++) {
            result(app.startSession("192.0.2.1"));
        }
        for (int second = 0; second < 20; second++) {
            clock.advance(Duration.ofMillis(999));
            try {
                result(app.startSession("192.0.2.1"));
            } catch (RuntimeException refusedOrFirstRefill) {
                // refused until the first token is back, near the end
            }
        }

        clock.advance(Duration.ofMinutes(1));

        for (int i = 0; i < 3; i++) {
            result(app.startSession("192.0.2.1"));
        }
    }

    @Test
    void startingWithoutAClientIsTheEmbeddersOwnAndUnlimited() {
        for (int i = 0; i < 10; i++) {
            result(app.startSession());
        }
        assertThat(sessions.count()).isEqualTo(10);
    }

    private void assertRateLimited(String client) {
        assertThatThrownBy(() -> app.startSession(client).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WhereToEatException.class)
                .satisfies(error -> assertThat(((WhereToEatException) error).code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }
}
