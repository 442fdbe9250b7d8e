package com.wheretoeat.http;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The WebSocket URL a page announces: the configured one, or the request's host on the WebSocket
 * port. The host comes from the client, so only a plain host name or address is taken from it.
 */
final class LiveUrl {
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?");

    private final HttpSettings settings;

    LiveUrl(HttpSettings settings) {
        this.settings = settings;
    }

    String of(Request request) {
        if (settings.publicWsUrl().isPresent()) {
            return settings.publicWsUrl().get().toString();
        }
        String host = request.header("host").filter(h -> HOST.matcher(h).matches()).orElse("localhost");
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":", 2)[0];
        String scheme = settings.secureCookies() ? "wss" : "ws";
        return URI.create(scheme + "://" + name + ":" + settings.wsPort() + "/").toString();
    }
}
