package com.wheretoeat.websocket;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Finds the session token a client brought to the handshake: the session cookie, or a {@code session} query parameter. */
final class HandshakeToken {
    private HandshakeToken() {}

    static Optional<String> find(String cookieHeader, String resource, String cookieName) {
        return fromCookie(cookieHeader, cookieName).or(() -> fromQuery(resource));
    }

    static Optional<String> fromCookie(String header, String name) {
        if (header == null) {
            return Optional.empty();
        }
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                String value = pair.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    static Optional<String> fromQuery(String resource) {
        if (resource == null) {
            return Optional.empty();
        }
        int question = resource.indexOf('?');
        if (question < 0) {
            return Optional.empty();
        }
        for (String pair : resource.substring(question + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("session")) {
                try {
                    String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    return value.isEmpty() ? Optional.empty() : Optional.of(value);
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
