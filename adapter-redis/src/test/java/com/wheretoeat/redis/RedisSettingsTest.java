package com.wheretoeat.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCredentials;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    @Test
    void aPlainUrlGivesHostPortAndTheDefaults() {
        RedisSettings settings = RedisSettings.fromUrl("redis://cache.internal:6380");

        assertThat(settings.uri().getHost()).isEqualTo("cache.internal");
        assertThat(settings.uri().getPort()).isEqualTo(6380);
        assertThat(settings.uri().getDatabase()).isZero();
        assertThat(settings.uri().isSsl()).isFalse();
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.uri().getTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.keyPrefix()).isEqualTo("wte");
    }

    @Test
    void userPasswordDatabaseAndTlsAreRead() {
        RedisSettings settings = RedisSettings.fromUrl("rediss://lunch:s3cret@cache.internal:6390/3");

        assertThat(settings.uri().isSsl()).isTrue();
        RedisCredentials credentials = settings.uri().getCredentialsProvider().resolveCredentials().block();
        assertThat(credentials.getUsername()).isEqualTo("lunch");
        assertThat(new String(credentials.getPassword())).isEqualTo("s3cret");
        assertThat(settings.uri().getDatabase()).isEqualTo(3);
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void aMissingPortMeansTheDefaultPort() {
        assertThat(RedisSettings.fromUrl("redis://localhost").uri().getPort()).isEqualTo(6379);
    }

    @Test
    void anInvalidUrlIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> RedisSettings.fromUrl("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> RedisSettings.fromUrl("http://localhost:6379")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> RedisSettings.fromUrl("redis://:6379")).hasMessageContaining("host");
        assertThatThrownBy(() -> RedisSettings.fromUrl("redis://localhost:99999")).hasMessageContaining("port");
        assertThatThrownBy(() -> RedisSettings.fromUrl("redis://localhost:6379/cache")).hasMessageContaining("database");
        assertThatThrownBy(() -> RedisSettings.fromUrl("redis://local host")).hasMessageContaining("not a URL");
    }

    @Test
    void anInvalidUrlNeverEchoesItsPassword() {
        assertThatThrownBy(() -> RedisSettings.fromUrl("redis://ann:hunter2@localhost:6379/x"))
                .hasMessageContaining("database").hasMessageNotContaining("hunter2");
    }

    @Test
    void theTimeoutAndPrefixCanBeChosen() {
        RedisSettings settings = RedisSettings.fromUrl("redis://localhost").withCommandTimeout(Duration.ofMillis(500))
                .withKeyPrefix("lunch");

        assertThat(settings.uri().getTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.keyPrefix()).isEqualTo("lunch");
        assertThatThrownBy(() -> settings.withKeyPrefix("a{b}")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> settings.withCommandTimeout(Duration.ZERO)).hasMessageContaining("timeout");
    }

    @Test
    void aCopyWithAnotherTimeoutLeavesTheOriginalAsItWas() {
        RedisSettings base = RedisSettings.fromUrl("rediss://lunch:s3cret@cache.internal:6390/3");

        RedisSettings quick = base.withCommandTimeout(Duration.ofMillis(300));

        assertThat(base.uri().getTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(base.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(quick.uri().getTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(quick.uri().isSsl()).isTrue();
        assertThat(quick.uri().getDatabase()).isEqualTo(3);
        assertThat(new String(quick.uri().getCredentialsProvider().resolveCredentials().block().getPassword()))
                .isEqualTo("s3cret");
    }
}
