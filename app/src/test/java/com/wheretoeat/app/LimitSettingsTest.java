package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The limits per node and per client, as settings, and the connection limit's default. */
class LimitSettingsTest {

    @Test
    void theLimitsDefaultAsDocumented() {
        Settings.Limits limits = Settings.fromEnvironment(Map.of()).limits();

        assertThat(limits.maxConnections()).as("derived at start").isEmpty();
        assertThat(limits.maxConnectionsPerAddress()).isEqualTo(500);
        assertThat(limits.sessionsPerAddressPerMinute()).isEqualTo(120);
        assertThat(limits.trustedProxies().toString()).isEqualTo("none");
    }

    @Test
    void theLimitsAreRead() {
        Settings.Limits limits = Settings.fromEnvironment(Map.of("MAX_CONNECTIONS", "2000",
                "MAX_CONNECTIONS_PER_ADDRESS", "50", "SESSIONS_PER_ADDRESS_PER_MINUTE", "5",
                "TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7")).limits();

        assertThat(limits.maxConnections()).hasValue(2000);
        assertThat(limits.maxConnectionsPerAddress()).isEqualTo(50);
        assertThat(limits.sessionsPerAddressPerMinute()).isEqualTo(5);
        assertThat(limits.trustedProxies().toString()).isEqualTo("10.0.0.0/8, 192.0.2.7");
    }

    @Test
    void aBadLimitNamesItsVariable() {
        for (String variable : new String[] {"MAX_CONNECTIONS", "MAX_CONNECTIONS_PER_ADDRESS", "SESSIONS_PER_ADDRESS_PER_MINUTE"}) {
            for (String bad : new String[] {"0", "-5", "lots", "1e9", "99999999999"}) {
                assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(variable, bad)))
                        .isInstanceOf(ConfigException.class).hasMessageContaining(variable).hasMessageContaining("whole number");
            }
        }
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TRUSTED_PROXIES").hasMessageContaining("proxy.internal");
    }

    @Test
    void theDefaultKeepsATenthOfTheFileDescriptorsAndAtLeast256() {
        assertThat(ConnectionLimit.fromFileDescriptors(1_048_576)).isEqualTo(943_719);
        assertThat(ConnectionLimit.fromFileDescriptors(20_000)).isEqualTo(18_000);
        assertThat(ConnectionLimit.fromFileDescriptors(2_560)).isEqualTo(2_304);
        assertThat(ConnectionLimit.fromFileDescriptors(1_024)).isEqualTo(768);
        assertThat(ConnectionLimit.fromFileDescriptors(100)).isEqualTo(1);
    }

    @Test
    void aLowDefaultIsWarnedAboutNamingTheSetting() {
        ConnectionLimit.Resolved low = ConnectionLimit.resolve(OptionalInt.empty(), OptionalLong.of(1_024));
        ConnectionLimit.Resolved ample = ConnectionLimit.resolve(OptionalInt.empty(), OptionalLong.of(65_536));

        assertThat(low.maxConnections()).isEqualTo(768);
        assertThat(low.warning()).hasValueSatisfying(warning ->
                assertThat(warning).contains("1024", "768", "MAX_CONNECTIONS", "ulimit -n"));
        assertThat(ample.warning()).isEmpty();
    }

    @Test
    void theSettingOverridesTheDefaultAndAnUnknownLimitFallsBack() {
        assertThat(ConnectionLimit.resolve(OptionalInt.of(300), OptionalLong.of(1_024)))
                .satisfies(resolved -> {
                    assertThat(resolved.maxConnections()).isEqualTo(300);
                    assertThat(resolved.warning()).isEmpty();
                });
        assertThat(ConnectionLimit.resolve(OptionalInt.empty(), OptionalLong.empty()).maxConnections())
                .isEqualTo(ConnectionLimit.FALLBACK);
    }

    @Test
    void thisProcessHasAFileDescriptorLimitToDeriveFrom() {
        assertThat(ConnectionLimit.fileDescriptorLimit()).as("Linux tells").isPresent();
    }
}
