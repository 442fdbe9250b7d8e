package com.wheretoeat.venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void oneCallASecondRefusesTheSecondCallInTheSameSecond() {
        RateLimit limit = new RateLimit("Nominatim", 1, nanos::get);

        assertThat(limit.tryAcquire()).isTrue();
        nanos.addAndGet(Duration.ofMillis(900).toNanos());
        assertThat(limit.tryAcquire()).isFalse();
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(limit.tryAcquire()).isTrue();
    }

    @Test
    void aQuietSpellSavesUpOneSecondsWorthAtMost() {
        RateLimit limit = new RateLimit("Overpass", 2, nanos::get);
        limit.tryAcquire();
        limit.tryAcquire();

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());

        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
    }

    @Test
    void aRefusedCallIsRateLimitedWithoutAStatus() {
        RateLimit limit = new RateLimit("Nominatim", 1, nanos::get);
        limit.acquire();

        assertThatThrownBy(limit::acquire).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.isRateLimited()).isTrue();
            assertThat(e.status()).isZero();
        });
    }
}
