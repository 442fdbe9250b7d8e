package com.wheretoeat.http;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.model.SessionId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The session cookie, backed by the core's sessions: the same token the WebSocket adapter reads
 * at its handshake, so a browser that joined is known to its live connection. Reading never
 * starts a session; only a request that needs one (a join) does, through the core's limit per client.
 */
final class SessionCookies {
    private final WhereToEat app;
    private final HttpSettings settings;

    SessionCookies(WhereToEat app, HttpSettings settings) {
        this.app = app;
        this.settings = settings;
    }

    /** A browser's session, and whether it was started just now. */
    record Visitor(SessionId session, boolean isNew) {
        /**
         * {@code response} with the session's cookie: a new session needs it set, and a resumed
         * one has just been extended by the core, so the browser's copy is extended alike.
         */
        Response answer(Response response, SessionCookies cookies) {
            return response.withCookie(cookies.cookieFor(session));
        }
    }

    /** The live session named by the request's cookie, if any. */
    CompletionStage<Optional<SessionId>> resume(Request request) {
        return request.cookie(settings.cookieName())
                .map(app::resumeSession)
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    }

    /**
     * The request's live session, or a new one when it has none (unknown, expired or malformed):
     * only for a request that needs one. New sessions are limited per client ({@code rate-limited}).
     */
    CompletionStage<Visitor> resumeOrStart(Request request) {
        return resume(request).thenCompose(found -> resumedOrStarted(found, request));
    }

    /** {@code found}, a session the request resumed already, or else a new one for its client. */
    CompletionStage<Visitor> resumedOrStarted(Optional<SessionId> found, Request request) {
        return found.map(session -> CompletableFuture.completedFuture(new Visitor(session, false)))
                .orElseGet(() -> app.startSession(request.client()).thenApply(session -> new Visitor(session, true))
                        .toCompletableFuture());
    }

    SetCookie cookieFor(SessionId session) {
        return new SetCookie(settings.cookieName(), session.value(), "/", settings.cookieMaxAge().toSeconds(), true,
                settings.secureCookies(), "Lax");
    }
}
