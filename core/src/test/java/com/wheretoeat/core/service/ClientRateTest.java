package com.wheretoeat.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.memory.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientRateTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T11:45:00Z"));

    @Test
    void clientsIdleForAMinuteAreForgottenSoMemoryStaysBounded() {
        ClientRate rate = new ClientRate(30, clock);
        for (int i = 0; i < 100_000; i++) {
            rate.tryTake("client-" + i);
        }
        assertThat(rate.tracked()).isLessThanOrEqualTo(100_000);

        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 1024; i++) {
            rate.tryTake("one more");
        }

        assertThat(rate.tracked()).as("only the clients of the last minute").isEqualTo(1);
    }

    @Test
    void aBucketIsForgottenOnlyOnceItIsFullAgain() {
        ClientRate rate = new ClientRate(2, clock);
        rate.tryTake("a");
        rate.tryTake("a");
        clock.advance(Duration.ofSeconds(59));
        rate.sweep(clock.now());
        assertThat(rate.tracked()).isEqualTo(1);
        assertThat(rate.tryTake("a")).as("one back after 30 s").isTrue();
        assertThat(rate.tryTake("a")).isFalse();
    }
}
