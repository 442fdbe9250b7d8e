package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {
    @Test
    void aCookieThatWouldExpireAtOnceIsRefused() {
        assertThatThrownBy(() -> HttpSettings.builder().cookieMaxAge(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least a second");
        assertThatThrownBy(() -> HttpSettings.builder().cookieMaxAge(Duration.ofMillis(500)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpSettings.builder().cookieMaxAge(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCookieOfOneSecondOrMoreIsTaken() {
        assertThat(HttpSettings.builder().cookieMaxAge(Duration.ofSeconds(1)).build().cookieMaxAge())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRequestTimeoutMustBePositive() {
        assertThatThrownBy(() -> HttpSettings.builder().requestTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
