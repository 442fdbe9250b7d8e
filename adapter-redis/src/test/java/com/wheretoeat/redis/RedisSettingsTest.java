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
        assertThat(RedisSettings.fromUrl("redis://ann:pass@localhost").uri().getPort()).as("with a password").isEqualTo(6379);
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

    @Test
    void aClusterUrlNamesSeveralMastersWithTheSameCredentials() {
        RedisSettings settings = RedisSettings.fromUrl("redis-cluster://lunch:s3cret@10.0.0.1:7000,10.0.0.2:7001,10.0.0.3");

        assertThat(settings.cluster()).isTrue();
        assertThat(settings.nodes()).extracting(uri -> uri.getHost() + ":" + uri.getPort())
                .containsExactly("10.0.0.1:7000", "10.0.0.2:7001", "10.0.0.3:6379");
        assertThat(settings.nodes()).allSatisfy(uri -> {
            assertThat(new String(uri.getCredentialsProvider().resolveCredentials().block().getPassword())).isEqualTo("s3cret");
            assertThat(uri.isSsl()).isFalse();
        });
        assertThat(settings.toString()).isEqualTo("RedisSettings[redis-cluster://10.0.0.1:7000,10.0.0.2:7001,10.0.0.3:6379,"
                + " prefix=wte, timeout=PT2S, logSize=256]");
        assertThat(RedisSettings.fromUrl("redis://localhost").cluster()).isFalse();
    }

    @Test
    void aTlsClusterUrlAndAnotherTimeoutReachEveryMaster() {
        RedisSettings settings = RedisSettings.fromUrl("rediss-cluster://a:7000,b:7000/0").withCommandTimeout(Duration.ofMillis(400));

        assertThat(settings.nodes()).hasSize(2).allSatisfy(uri -> {
            assertThat(uri.isSsl()).isTrue();
            assertThat(uri.getTimeout()).isEqualTo(Duration.ofMillis(400));
        });
    }

    @Test
    void aBadClusterUrlIsRefusedNamingTheProblemButNotThePassword() {
        assertThatThrownBy(() -> RedisSettings.fromUrl("redis-cluster://a:7000,,b:7000")).hasMessageContaining("missing");
        assertThatThrownBy(() -> RedisSettings.fromUrl("redis-cluster://a:7000,b:port")).hasMessageContaining("port");
        assertThatThrownBy(() -> RedisSettings.fromUrl("redis-cluster://u:hunter2@a:7000/2"))
                .hasMessageContaining("database 0").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisSettings.fromUrl("redis-cluster:a:7000")).hasMessageContaining("//");
    }
}
