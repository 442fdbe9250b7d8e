package com.wheretoeat.websocket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which browser origins may open a connection, so that a page on another site cannot
 * act with a visitor's session cookie (cross-site WebSocket hijacking).
 */
final class OriginPolicy {
    private final boolean any;
    private final Set<String> allowed;

    OriginPolicy(List<String> allowedOrigins) {
        this.any = allowedOrigins.contains("*");
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether a handshake with this {@code Origin} (null when absent) to this {@code Host} may go on.
     * Only browsers send an origin, and a non-browser client cannot be hijacked, so none is fine.
     * With no origins configured, a page from the same host name may connect, whatever its port:
     * the pages are served on one port and the live connection on another.
     */
    boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String normalized = normalize(origin);
        if (!allowed.isEmpty()) {
            return allowed.contains(normalized);
        }
        return host != null && hostName(normalized).equals(hostName("//" + host.strip().toLowerCase(Locale.ROOT)));
    }

    private static String normalize(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** The host name of an origin or of {@code //host[:port]}; a value that is neither matches nothing. */
    private static String hostName(String uriOrAuthority) {
        try {
            String host = new URI(uriOrAuthority).getHost();
            return host == null ? "\u0000" : host;
        } catch (URISyntaxException e) {
            return "\u0001";
        }
    }
}
