package com.wheretoeat.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private static InetAddress ip(String literal) {
        return TrustedProxies.literal(literal).orElseThrow();
    }

    @Test
    void withoutTrustedProxiesTheClientIsThePeerWhateverTheHeaderSays() {
        assertThat(TrustedProxies.none().clientOf(ip("198.51.100.9"), List.of("203.0.113.1")))
                .isEqualTo("198.51.100.9");
    }

    @Test
    void aHeaderFromAnUntrustedPeerIsIgnored() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8");

        assertThat(proxies.clientOf(ip("198.51.100.9"), List.of("203.0.113.1"))).isEqualTo("198.51.100.9");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightMostUntrustedAddress() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.0.2.7");

        // The client wrote "1.1.1.1" itself; the edge proxy 192.0.2.7 appended who it really was.
        assertThat(proxies.clientOf(ip("10.1.2.3"), List.of("1.1.1.1, 203.0.113.5", "192.0.2.7")))
                .isEqualTo("203.0.113.5");
    }

    @Test
    void aTrustedPeerWithoutAHeaderIsItselfTheClient() {
        assertThat(TrustedProxies.parse("10.0.0.1").clientOf(ip("10.0.0.1"), List.of())).isEqualTo("10.0.0.1");
    }

    @Test
    void anEntryThatIsNoAddressEndsTheWalkAtTheLastTrustedHop() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8");

        assertThat(proxies.clientOf(ip("10.0.0.1"), List.of("203.0.113.5, unknown, 10.0.0.2"))).isEqualTo("10.0.0.2");
        assertThat(proxies.clientOf(ip("10.0.0.1"), List.of("evil.example"))).isEqualTo("10.0.0.1");
    }

    @Test
    void portsAndIpv6AreUnderstood() {
        TrustedProxies proxies = TrustedProxies.parse("fd00::/8, 127.0.0.1");

        assertThat(proxies.clientOf(ip("fd00::1"), List.of("[2001:db8::1]:443"))).isEqualTo("2001:db8:0:0:0:0:0:0/64");
        assertThat(proxies.clientOf(ip("127.0.0.1"), List.of("203.0.113.5:5678"))).isEqualTo("203.0.113.5");
    }

    @Test
    void rangesMatchByTheirPrefix() {
        TrustedProxies proxies = TrustedProxies.parse("172.16.0.0/12");

        assertThat(proxies.trusts(ip("172.31.255.255"))).isTrue();
        assertThat(proxies.trusts(ip("172.32.0.0"))).isFalse();
        assertThat(proxies.trusts(ip("::1"))).isFalse();
    }

    @Test
    void aBadEntryIsRefusedByName() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/8, proxy.example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.example");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> TrustedProxies.parse("300.1.1.1")).hasMessageContaining("300.1.1.1");
    }

    @Test
    void literalsNeverLookAnythingUp() {
        assertThat(TrustedProxies.literal("localhost")).isEmpty();
        assertThat(TrustedProxies.literal("abc:def")).isEmpty();
        assertThat(TrustedProxies.literal("1.2.3")).isEmpty();
    }

    @Test
    void anIpv6ClientIsItsSlash64SoANewAddressIsNoNewClient() {
        TrustedProxies none = TrustedProxies.none();

        assertThat(none.clientOf(ip("2001:db8:0:1::a"), List.of())).isEqualTo(none.clientOf(ip("2001:db8:0:1:ffff::b"), List.of()))
                .isEqualTo("2001:db8:0:1:0:0:0:0/64");
        assertThat(none.clientOf(ip("2001:db8:0:2::a"), List.of())).isNotEqualTo(none.clientOf(ip("2001:db8:0:1::a"), List.of()));
    }
}
