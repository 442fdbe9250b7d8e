package com.wheretoeat.core.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed, and the one rule, shared by every
 * transport, for who a client is: the peer's address; or, when the peer is a trusted proxy, the
 * right-most address of {@code X-Forwarded-For} that is not a trusted proxy (each proxy appends
 * the address it got the request from, so everything left of that could be made up by the client).
 * An entry that is not an IP address ends the walk, and the last trusted hop counts as the client;
 * when every entry is trusted, the left-most does. Addresses are parsed as literals only: nothing
 * here ever asks DNS.
 */
public final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    private final List<Range> ranges;
    private final String spec;

    private record Range(byte[] network, int bits) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[whole] & mask) == (network[whole] & mask);
        }
    }

    private TrustedProxies(List<Range> ranges, String spec) {
        this.ranges = List.copyOf(ranges);
        this.spec = spec;
    }

    /** Trusts nobody: the client is always the peer. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Comma-separated IP addresses or CIDR ranges, such as {@code 10.0.0.0/8, 192.0.2.7, fd00::/8};
     * blank trusts nobody. Throws {@link IllegalArgumentException} naming the entry that is neither.
     */
    public static TrustedProxies parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : spec.split(",")) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash)).orElseThrow(() ->
                    new IllegalArgumentException("\"" + entry + "\" is not an IP address or a CIDR range such as 10.0.0.0/8"));
            int max = address.getAddress().length * 8;
            int bits = max;
            if (slash >= 0) {
                String prefix = entry.substring(slash + 1);
                bits = prefix.matches("\\d{1,3}") ? Integer.parseInt(prefix) : -1;
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException("\"" + entry + "\" has a prefix length that is not from 0 to " + max);
                }
            }
            ranges.add(new Range(address.getAddress(), bits));
        }
        return new TrustedProxies(ranges, spec.strip());
    }

    public boolean trusts(InetAddress address) {
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Who the client is, as an address in text ({@link InetAddress#getHostAddress()}), by the rule
     * above; {@code forwardedFor} holds the {@code X-Forwarded-For} headers in the order received.
     * An IPv6 client is its /64 ({@code 2001:db8:0:1:0:0:0:0/64}): one host is usually given a whole
     * /64, and must not dodge the limits per client by taking a new address each time.
     */
    public String clientOf(InetAddress peer, List<String> forwardedFor) {
        if (!trusts(peer)) {
            return key(peer);
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
            if (!trusts(client)) {
                break;
            }
        }
        return key(client);
    }

    private static String key(InetAddress client) {
        byte[] bytes = client.getAddress();
        if (bytes.length != 16) {
            return client.getHostAddress();
        }
        java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code 192.0.2.1:443} and {@code [2001:db8::1]:443} without the port, as some proxies write them. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(1, close);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') && hop.indexOf('.') > 0 ? hop.substring(0, colon) : hop;
    }

    /** An IPv4 or IPv6 literal as an address, without any lookup; empty for anything else. */
    static Optional<InetAddress> literal(String text) {
        try {
            if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                String[] parts = text.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(parts[i]);
                    if (part > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) part;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (text.contains(":") && text.matches("[0-9A-Fa-f:.]{2,45}")) {
                // In brackets the JDK takes it as an IPv6 literal or fails; it never asks DNS.
                return Optional.of(InetAddress.getByName("[" + text + "]"));
            }
        } catch (UnknownHostException | IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return spec.isEmpty() ? "none" : spec;
    }
}
