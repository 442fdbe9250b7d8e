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
     * With no origins configured, only a page of this server's own origin may connect: the same
     * host name and port as the request came to, since pages and live connections share one port.
     * (Another port of the same host is another site, such as a development server.)
     */
    boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String normalized = normalize(origin);
        if (!allowed.isEmpty()) {
            return allowed.contains(normalized);
        }
        return host != null && authority(normalized).equals(authority("//" + host.strip().toLowerCase(Locale.ROOT)));
    }

    private static String normalize(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /**
     * The host name and port of an origin or of {@code //host[:port]}, the port as written (browsers
     * leave out a scheme's default port, as a {@code Host} header does); a value that is neither
     * matches nothing.
     */
    private static String authority(String uriOrAuthority) {
        try {
            URI uri = new URI(uriOrAuthority);
            return uri.getHost() == null ? "\u0000" : uri.getHost() + ":" + uri.getPort();
        } catch (URISyntaxException e) {
            return "\u0001";
        }
    }
}
