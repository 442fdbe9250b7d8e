package com.wheretoeat.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.json.CoreJson;
import com.wheretoeat.json.DeadlinePick;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The JSON API for programs, in the shapes of docs/json.md. A program keeps the session cookie
 * like a browser does; the first call that needs a session (a join) starts one and sets it. Reading
 * never starts one, and neither does acting in an area without one: that is {@code not-joined}.
 */
final class JsonApi {
    private final WhereToEat app;
    private final SessionCookies sessions;
    private final HttpMetrics metrics;
    private final ObjectMapper json;

    JsonApi(WhereToEat app, SessionCookies sessions, HttpMetrics metrics, ObjectMapper json) {
        this.app = app;
        this.sessions = sessions;
        this.metrics = metrics;
        this.json = json;
    }

    /** {@code GET /api/areas/{area}}: the area snapshot. */
    CompletionStage<Response> snapshot(Request request, Map<String, String> params) {
        return app.snapshot(AreaName.of(params.get("area"))).thenApply(snapshot -> Response.json(200, snapshot));
    }

    /**
     * {@code GET /api/areas/{area}/members?after=}: the members after the one numbered {@code after}
     * (default 0, the first), in order of joining: {@code {"members": [...], "memberCount": n, "more": b}}.
     */
    CompletionStage<Response> members(Request request, Map<String, String> params) {
        AreaName area = AreaName.of(params.get("area"));
        long after = request.queryParam("after").map(MemberCursor::parse).orElse(0L);
        return app.members(area, after).thenApply(page -> Response.json(200, page));
    }

    /**
     * {@code GET /api/areas/{area}/me}: {@code {"member": member}} when the session has joined the
     * area, else {@code {"member": null}}. Without a live session the answer is null at once and
     * no session is started: asking who you are is no reason to become someone.
     */
    CompletionStage<Response> me(Request request, Map<String, String> params) {
        AreaName area = AreaName.of(params.get("area"));
        return sessions.resume(request).thenCompose(found -> found
                .map(session -> app.membership(session, area).thenApply(member ->
                        Response.json(200, membership(member)).withCookie(sessions.cookieFor(session))))
                .orElseGet(() -> CompletableFuture.completedFuture(Response.json(200, membership(Optional.empty())))));
    }

    private ObjectNode membership(Optional<Member> member) {
        ObjectNode answer = json.createObjectNode();
        answer.set("member", member.<JsonNode>map(json::valueToTree).orElse(NullNode.getInstance()));
        return answer;
    }

    /** {@code POST /api/areas/{area}/join} with {@code {"name": "Ann"}}: who you are and the area. */
    CompletionStage<Response> join(Request request, Map<String, String> params) {
        AreaName area = AreaName.of(params.get("area"));
        return withJsonBody(request, body -> {
            Username name = Username.of(text(body, "name"));
            return asVisitor(request, session -> app.join(session, area, name).thenApply(joined -> Response.json(200, joined)));
        });
    }

    /**
     * {@code POST /api/areas/{area}/vote} with {@code {"venue": {"id": ...}}} for a place from a search
     * (anything sent beside the id is ignored: the server knows the place), or {@code {"venue": {"name":
     * ...}}} for one typed in. Answers the vote.
     */
    CompletionStage<Response> vote(Request request, Map<String, String> params) {
        AreaName area = AreaName.of(params.get("area"));
        return withJsonBody(request, body -> {
            Venue typed = typedVenue(body.get("venue"));
            VenueId listed = typed == null ? VenueId.of(text(body.get("venue"), "id", "venue id")) : null;
            return asMember(request, session -> (typed != null ? app.vote(session, area, typed)
                    : app.vote(session, area, listed)).thenApply(vote -> {
                metrics.vote();
                return Response.json(200, vote);
            }), () -> Failures.of(new NotJoinedException(), Response.Body.Form.JSON));
        });
    }

    /** {@code POST /api/areas/{area}/retract}: {@code {"retracted": true, "vote": vote}} or {@code {"retracted": false}}. */
    CompletionStage<Response> retract(Request request, Map<String, String> params) {
        AreaName area = AreaName.of(params.get("area"));
        return withoutBody(request, () -> asMember(request, session -> app.retract(session, area).thenApply(retracted -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("retracted", retracted.isPresent());
            retracted.ifPresent(vote -> answer.put("vote", vote));
            return Response.json(200, answer);
        }), () -> Response.json(200, Map.of("retracted", false))));
    }

    /** {@code POST /api/areas/{area}/decide}: closes the round; {@code {"decision": decision}}. */
    CompletionStage<Response> decide(Request request, Map<String, String> params) {
        AreaName area = AreaName.of(params.get("area"));
        return withoutBody(request, () -> onlyAsMember(request, "decision", session -> app.decide(session, area)));
    }

    /**
     * {@code POST /api/areas/{area}/deadline} with {@code {"at": "2026-11-20T12:15:00Z"}}, {@code {"inMinutes": 15}}
     * or {@code {"at": null}} (clears): {@code {"round": round}}.
     */
    CompletionStage<Response> deadline(Request request, Map<String, String> params) {
        AreaName area = AreaName.of(params.get("area"));
        return withJsonBody(request, body -> {
            DeadlinePick pick = DeadlinePick.read(body);
            return onlyAsMember(request, "round", session -> pick.in() != null ? app.setDeadlineIn(session, area, pick.in())
                    : app.setDeadline(session, area, pick.at()));
        });
    }

    /** {@code POST /api/areas/{area}/break-tie}: draws among the tied places; {@code {"decision": decision}}. */
    CompletionStage<Response> breakTie(Request request, Map<String, String> params) {
        AreaName area = AreaName.of(params.get("area"));
        return withoutBody(request, () -> onlyAsMember(request, "decision", session -> app.breakTie(session, area)));
    }

    /** Runs {@code action} for a member and answers {@code {field: result}}; without a session, {@code not-joined}. */
    private CompletionStage<Response> onlyAsMember(Request request, String field,
            Function<SessionId, CompletionStage<?>> action) {
        return asMember(request, session -> action.apply(session).thenApply(result -> Response.json(200, Map.of(field, result))),
                () -> Failures.of(new NotJoinedException(), Response.Body.Form.JSON));
    }

    /** {@code GET /api/areas/{area}/history}: {@code {"history": [decision, ...]}}, newest first. */
    CompletionStage<Response> history(Request request, Map<String, String> params) {
        return app.history(AreaName.of(params.get("area"))).thenApply(history -> Response.json(200, Map.of("history", history)));
    }

    /** {@code POST /api/areas/{area}/leave}: {@code {"left": true}}. */
    CompletionStage<Response> leave(Request request, Map<String, String> params) {
        AreaName area = AreaName.of(params.get("area"));
        return withoutBody(request, () -> asMember(request,
                session -> app.leave(session, area).thenApply(left -> Response.json(200, Map.of("left", left.isPresent()))),
                () -> Response.json(200, Map.of("left", false))));
    }

    /**
     * {@code GET /api/areas/{area}/venues?lat=&lon=&query=&limit=}: {@code {"venues": [...], "centre":
     * {...}, "liveUnavailable": false}}, through the server's search in the area ({@code centre} left
     * out when the area has none).
     */
    CompletionStage<Response> venues(Request request, Map<String, String> params) {
        AreaName area = AreaName.of(params.get("area"));
        Optional<String> lat = request.queryParam("lat");
        Optional<String> lon = request.queryParam("lon");
        if (lat.isPresent() != lon.isPresent()) {
            throw new InvalidInputException("lat", "Give both lat and lon, or neither.");
        }
        Coordinates near = lat.isPresent()
                ? new Coordinates(number(lat.get(), "lat", "The latitude must be a number from -90 to 90."),
                        number(lon.get(), "lon", "The longitude must be a number from -180 to 180."))
                : null;
        int limit = request.queryParam("limit")
                .map(l -> (int) number(l, "limit", "The limit must be from 1 to " + VenueQuery.MAX_LIMIT + "."))
                .orElse(VenueQuery.DEFAULT_LIMIT);
        VenueQuery query = new VenueQuery(near, request.queryParam("query").orElse(null), limit);
        return app.searchVenues(area, query).thenApply(found -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("venues", found.venues());
            found.centre().ifPresent(centre -> answer.put("centre", centre));
            answer.put("liveUnavailable", found.liveUnavailable());
            return Response.json(200, answer);
        });
    }

    /** Runs {@code action} for the request's session, starting one when it has none: for a join only. */
    private CompletionStage<Response> asVisitor(Request request, Function<SessionId, CompletionStage<Response>> action) {
        if (!Csrf.sameOrigin(request)) {
            return CompletableFuture.completedFuture(fromAnotherSite());
        }
        // A new session's cookie goes out with a refusal too, so a retry is the same visitor.
        return sessions.resumeOrStart(request).thenCompose(visitor -> action.apply(visitor.session())
                .exceptionally(error -> Failures.of(error, Response.Body.Form.JSON))
                .thenApply(response -> visitor.answer(response, sessions)));
    }

    /**
     * Runs {@code action} for the request's session; without one, answers {@code withoutSession}
     * (what the core would answer a session that never joined) and starts nothing.
     */
    private CompletionStage<Response> asMember(Request request, Function<SessionId, CompletionStage<Response>> action,
            java.util.function.Supplier<Response> withoutSession) {
        if (!Csrf.sameOrigin(request)) {
            return CompletableFuture.completedFuture(fromAnotherSite());
        }
        return sessions.resume(request).thenCompose(found -> found
                .map(session -> action.apply(session)
                        .exceptionally(error -> Failures.of(error, Response.Body.Form.JSON))
                        .thenApply(response -> response.withCookie(sessions.cookieFor(session))))
                .orElseGet(() -> CompletableFuture.completedFuture(withoutSession.get())));
    }

    /**
     * {@code POST /api/session}: the browser's session, as an {@code HttpOnly} cookie a script cannot
     * set, and the forms' {@code csrf} token for it. With {@code {"session": token}}: the session the
     * live connection was just issued (an unknown token is refused). With {@code {}}: the session of
     * the cookie, or a new one (counted against the client's new sessions), so that every tab of a
     * browser joins under one session before its first join.
     */
    CompletionStage<Response> adopt(Request request, Map<String, String> params) {
        return withJsonBody(request, body -> {
            if (!Csrf.sameOrigin(request)) {
                return CompletableFuture.completedFuture(fromAnotherSite());
            }
            if (!body.has("session")) {
                return sessions.resumeOrStart(request).<Response>thenApply(visitor -> visitor.answer(
                                Response.json(200, Map.of("csrf", Csrf.tokenFor(visitor.session()))), sessions))
                        .exceptionally(error -> Failures.of(error, Response.Body.Form.JSON));
            }
            String token = text(body, "session");
            return app.resumeSession(token).thenApply(found -> found
                    .map(session -> Response.json(200, Map.of("csrf", Csrf.tokenFor(session)))
                            .withCookie(sessions.cookieFor(session)))
                    .orElseGet(() -> Failures.forbidden("This session is not known here (any more). Please reload the page.",
                            Response.Body.Form.JSON)));
        });
    }

    private static Response fromAnotherSite() {
        return Failures.forbidden("This request came from another site, so it was refused.", Response.Body.Form.JSON);
    }

    /** Reads the body as JSON; only {@code application/json} is taken, which no other site's form can send. */
    private CompletionStage<Response> withJsonBody(Request request, Function<JsonNode, CompletionStage<Response>> action) {
        if (!request.hasContentType("application/json")) {
            return CompletableFuture.completedFuture(unsupported());
        }
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (JsonProcessingException malformed) {
            throw CoreJson.invalid(malformed);
        } catch (IOException e) {
            throw new InvalidInputException("body", "The body could not be read as JSON.");
        }
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "The body must be a JSON object.");
        }
        return action.apply(body);
    }

    /** Bodiless posts: a body, if any, must still be JSON, so that no other site's form gets through. */
    private CompletionStage<Response> withoutBody(Request request, java.util.function.Supplier<CompletionStage<Response>> action) {
        if (request.body().length > 0 && !request.hasContentType("application/json")) {
            return CompletableFuture.completedFuture(unsupported());
        }
        return action.get();
    }

    /** The place typed in, or null when the venue names a listed place by its id. */
    private static Venue typedVenue(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("venue",
                    "The venue is missing: send {\"venue\": {\"id\": \"...\"}} or {\"venue\": {\"name\": \"...\"}}.");
        }
        if (!CoreJson.isTypedPick(node)) {
            return null;
        }
        return Venue.custom(text(node, "name", "venue name"));
    }

    private static String text(JsonNode body, String field) {
        return text(body, field, field);
    }

    private static String text(JsonNode body, String field, String label) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(field, "The " + label + " is missing.");
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field, "The " + label + " must be a string.");
        }
        return value.asText();
    }

    private static double number(String raw, String field, String message) {
        try {
            double value = Double.parseDouble(raw);
            if (!Double.isFinite(value)) {
                throw new InvalidInputException(field, message);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, message);
        }
    }

    private static Response unsupported() {
        return Response.error(415, Failures.UNSUPPORTED_MEDIA_TYPE, "Please send the body as application/json.",
                Response.Body.Form.JSON);
    }
}
