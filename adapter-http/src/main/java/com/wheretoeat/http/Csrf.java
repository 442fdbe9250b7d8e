package com.wheretoeat.http;

import com.wheretoeat.core.model.SessionId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * Guards state-changing requests against cross-site forgery twice over: the request must not
 * come from another origin (by {@code Origin}, {@code Sec-Fetch-Site} or {@code Referer}), and a
 * form must carry the token of the session it acts for. The token is a hash of the session id,
 * which another site can neither read (the cookie is {@code HttpOnly}) nor guess; being derived,
 * it needs no storage and works on every node.
 */
final class Csrf {
    static final String FIELD = "csrf";

    private Csrf() {}

    static String tokenFor(SessionId session) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("where-to-eat csrf " + session.value()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    static boolean tokenMatches(SessionId session, Optional<String> token) {
        return token.map(t -> MessageDigest.isEqual(
                        t.getBytes(StandardCharsets.UTF_8), tokenFor(session).getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    /**
     * Whether the request may come from this site: a browser names the page's origin in
     * {@code Origin} (or at least {@code Sec-Fetch-Site}, or {@code Referer}); a program that sends
     * none of them is no browser, and forgery needs a browser.
     */
    static boolean sameOrigin(Request request) {
        Optional<String> host = request.header("host");
        Optional<String> origin = request.header("origin");
        if (origin.isPresent()) {
            return host.isPresent() && authorityOf(origin.get()).equals(host);
        }
        Optional<String> fetchSite = request.header("sec-fetch-site");
        if (fetchSite.isPresent()) {
            return fetchSite.get().equals("same-origin") || fetchSite.get().equals("none");
        }
        return request.header("referer")
                .map(referer -> host.isPresent() && authorityOf(referer).equals(host))
                .orElse(true);
    }

    private static Optional<String> authorityOf(String url) {
        try {
            return Optional.ofNullable(new URI(url.strip()).getRawAuthority());
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
