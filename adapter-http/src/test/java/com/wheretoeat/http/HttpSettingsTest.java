package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {
    @Test
    void aCookieThatWouldExpireAtOnceIsRefused() {
        assertThatThrownBy(() -> HttpSettings.defaults().withCookieMaxAge(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least a second");
        assertThatThrownBy(() -> HttpSettings.defaults().withCookieMaxAge(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpSettings.defaults().withCookieMaxAge(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCookieOfOneSecondOrMoreIsTaken() {
        assertThat(HttpSettings.defaults().withCookieMaxAge(Duration.ofSeconds(1)).cookieMaxAge())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRequestTimeoutMustBePositive() {
        assertThatThrownBy(() -> HttpSettings.defaults().withRequestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
