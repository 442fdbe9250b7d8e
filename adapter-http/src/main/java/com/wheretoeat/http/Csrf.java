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
 * it needs no storage and works on every node. A visitor without a session has no token: its join
 * form is taken only when the browser proves the page's own origin ({@link #provenSameOrigin}).
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

    /**
     * Whether the browser said, positively, that the request comes from a page of this origin: an
     * {@code Origin} or a {@code Referer} naming this host, or {@code Sec-Fetch-Site: same-origin}.
     * Every current browser sends one of them with a form post (our pages set
     * {@code Referrer-Policy: same-origin}); a request with none is refused where this is the only guard.
     */
    static boolean provenSameOrigin(Request request) {
        Optional<String> host = request.header("host");
        if (host.isEmpty()) {
            return false;
        }
        Optional<String> origin = request.header("origin");
        if (origin.isPresent()) {
            return authorityOf(origin.get()).equals(host);
        }
        Optional<String> fetchSite = request.header("sec-fetch-site");
        if (fetchSite.isPresent()) {
            return fetchSite.get().equals("same-origin");
        }
        return request.header("referer").map(referer -> authorityOf(referer).equals(host)).orElse(false);
    }

    private static Optional<String> authorityOf(String url) {
        try {
            return Optional.ofNullable(new URI(url.strip()).getRawAuthority());
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
