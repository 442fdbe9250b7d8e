package com.wheretoeat.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The live URL a page announces: its own origin's {@code /live}, since one server carries pages and
 * live connections on one port ({@code wss} when cookies are secure, that is behind HTTPS). The
 * host comes from the client, so only a plain host name or address is taken from it, and anything that still does not make a URL with a host (such as {@code [..]}) falls back to
 * {@code localhost}: this runs for every response, errors included, so it must never throw.
 */
final class LiveUrl {
    private static final String FALLBACK = "localhost";
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?");

    private final HttpSettings settings;

    LiveUrl(HttpSettings settings) {
        this.settings = settings;
    }

    String of(Request request) {
        String host = request.header("host").filter(h -> HOST.matcher(h).matches()).orElse(FALLBACK);
        return url(host).orElseGet(() -> url(FALLBACK).orElseThrow());
    }

    /** The live URL on {@code authority}: a host with its port, if any. */
    private Optional<String> url(String authority) {
        String scheme = settings.secureCookies() ? "wss" : "ws";
        try {
            URI uri = new URI(scheme + "://" + authority + "/live");
            // A name the URI cannot read as a host (such as "a..b") leaves no host: not a place to connect to.
            return uri.getHost() == null ? Optional.empty() : Optional.of(uri.toString());
        } catch (URISyntaxException notAHost) {
            return Optional.empty();
        }
    }
}
