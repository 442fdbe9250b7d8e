package com.wheretoeat.http;

import java.util.Objects;

/**
 * A cookie for the browser to keep. {@code httpOnly} keeps it from scripts; {@code SameSite=Lax}
 * keeps other sites' posts from carrying it; {@code secure} keeps it to HTTPS;
 * a negative {@code maxAgeSeconds} leaves it out (the cookie ends with the browser).
 */
public record SetCookie(String name, String value, String path, long maxAgeSeconds, boolean httpOnly, boolean secure,
        String sameSite) {
    public SetCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The {@code Set-Cookie} header value. */
    public String headerValue() {
        StringBuilder header = new StringBuilder(name).append('=').append(value);
        if (path != null) {
            header.append("; Path=").append(path);
        }
        if (maxAgeSeconds >= 0) {
            header.append("; Max-Age=").append(maxAgeSeconds);
        }
        if (httpOnly) {
            header.append("; HttpOnly");
        }
        if (sameSite != null) {
            header.append("; SameSite=").append(sameSite);
        }
        if (secure) {
            header.append("; Secure");
        }
        return header.toString();
    }

    /** Redacted: the value may be a session token. */
    @Override
    public String toString() {
        return "SetCookie[" + name + "]";
    }
}
