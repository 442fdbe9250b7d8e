package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.SessionId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * A person with a browser on the site: keeps the session cookie it is given, and fills in the
 * forms of the last area page it loaded, token included (none before its first join, which
 * starts its session).
 */
final class Browser {
    private final Site site;
    private String session;
    private String csrf;

    Browser(Site site) {
        this.site = site;
    }

    Answer open(String area) {
        Answer page = send(Site.fromHere("GET", "/a/" + area));
        if (page.status() == 200) {
            csrf = (String) page.model().get("csrf");
        }
        return page;
    }

    Answer join(String area, String name) {
        return post("/a/" + area + "/join", "name", name);
    }

    Answer voteListed(String area, String venueId) {
        return post("/a/" + area + "/vote", "venue", venueId);
    }

    Answer voteTyped(String area, String typed) {
        return post("/a/" + area + "/vote", "custom", typed);
    }

    /** Posts a form as the page would: same origin, session cookie, token. */
    Answer post(String path, String... fields) {
        return send(formPost(path, fields));
    }

    Request formPost(String path, String... fields) {
        assertThat(csrf).as("load a page before posting its forms").isNotNull();
        StringJoiner body = new StringJoiner("&");
        body.add("csrf=" + encode(csrf));
        for (int i = 0; i < fields.length; i += 2) {
            body.add(encode(fields[i]) + "=" + encode(fields[i + 1]));
        }
        return Site.fromHere("POST", path)
                .withHeader("Origin", "http://" + Site.HOST)
                .withBody("application/x-www-form-urlencoded", body.toString());
    }

    /** Sends with this browser's cookie, and keeps any new one. */
    Answer send(Request request) {
        Request withCookie = session == null ? request : request.withCookie(site.settings.cookieName(), session);
        Answer answer = site.send(withCookie);
        answer.cookie(site.settings.cookieName()).ifPresent(cookie -> {
            if (!cookie.value().equals(session) && csrf != null) {
                // A join started the session: the page the browser is sent back to carries its token.
                csrf = Csrf.tokenFor(new SessionId(cookie.value()));
            }
            session = cookie.value();
        });
        return answer;
    }

    String session() {
        return session;
    }

    String csrf() {
        return csrf;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
