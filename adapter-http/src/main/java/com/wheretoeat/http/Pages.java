package com.wheretoeat.http;

import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.model.VenueResults;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.json.DeadlinePick;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server-rendered pages and the HTML forms that post to them. Every form works without
 * JavaScript: a successful post answers with a redirect back to the area page, a failed one with
 * an error page that says why.
 */
final class Pages {
    /** 32 letters and digits without the look-alikes 0/o and 1/l, so a name read aloud survives. */
    private static final String NAME_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** "12:15", "9:05", "12.15", and "12:15:00" (seconds, which a time field may add, are dropped). */
    private static final Pattern TIME_OF_DAY = Pattern.compile("([0-9]{1,2})[:.]([0-9]{2})(?::[0-9]{2}(?:\\.[0-9]+)?)?");

    private final WhereToEat app;
    private final SessionCookies sessions;
    private final LiveUrl liveUrl;
    private final HttpMetrics metrics;
    private final HttpSettings settings;

    Pages(WhereToEat app, SessionCookies sessions, LiveUrl liveUrl, HttpMetrics metrics, HttpSettings settings) {
        this.app = app;
        this.sessions = sessions;
        this.liveUrl = liveUrl;
        this.metrics = metrics;
        this.settings = settings;
    }

    /** {@code GET /}: what this is, and a form to open an area. */
    CompletionStage<Response> home(Request request, Map<String, String> params) {
        return done(Response.page(200, "home", homeModel("", null)));
    }

    /** {@code GET /open?area=...}: where the home page's form goes. */
    CompletionStage<Response> open(Request request, Map<String, String> params) {
        String typed = request.queryParam("area").orElse("");
        try {
            return done(Response.redirect(areaPath(AreaName.of(typed))));
        } catch (InvalidInputException invalid) {
            return done(Response.page(400, "home", homeModel(typed, invalid.getMessage())));
        }
    }

    /**
     * {@code GET /a/{area}}: who is there, the votes, the ranking, and the forms to take part:
     * the join form for a visitor, the vote, retract and leave forms for a member, whose own
     * name and vote are marked. The first page of members, or with {@code after} (a member's seq,
     * the page's own link) the page of members after that one.
     */
    CompletionStage<Response> area(Request request, Map<String, String> params) {
        AreaName area = AreaName.of(params.get("area"));
        if (!area.value().equals(params.get("area"))) {
            return done(Response.redirect(areaPath(area)));
        }
        Optional<String> search = request.queryParam("q");
        long after = request.queryParam("after").map(MemberCursor::parse).orElse(0L);
        VenueQuery listing = listing(search);
        // Reading starts no session: a visitor without one sees the join form, whose post starts it.
        return sessions.resume(request).thenCompose(found -> {
            CompletableFuture<AreaSnapshot> snapshot = app.snapshot(area).toCompletableFuture();
            CompletableFuture<VenueResults> venues = app.searchVenues(area, listing).toCompletableFuture();
            CompletableFuture<Optional<Member>> you = found.isEmpty()
                    ? CompletableFuture.completedFuture(Optional.empty())
                    : app.membership(found.get(), area).toCompletableFuture();
            CompletableFuture<Optional<MemberPage>> later = after == 0
                    ? CompletableFuture.completedFuture(Optional.empty())
                    : app.members(area, after).toCompletableFuture().thenApply(Optional::of);
            CompletableFuture<List<Decision>> history = app.history(area).toCompletableFuture();
            return CompletableFuture.allOf(snapshot, venues, you, later, history).thenApply(all -> {
                Response page = Response.page(200, "area", AreaPage.model(snapshot.join(), later.join(), venues.join(),
                        you.join(), history.join(), search.orElse(""), found.map(Csrf::tokenFor).orElse(""),
                        liveUrl.of(request), settings));
                // A resumed session was extended by the core: the browser's copy is extended alike.
                return found.map(session -> page.withCookie(sessions.cookieFor(session))).orElse(page);
            });
        });
    }

    /**
     * {@code POST /a/{area}/join}: join under the name typed in. The first request that needs a
     * session: a visitor without one gets it here (limited per client address), and the cookie with
     * the answer. Its form carries no token then (there was no session to derive one from), so the
     * browser must prove the page's origin; a visitor with a session may do either.
     */
    CompletionStage<Response> join(Request request, Map<String, String> params) {
        AreaName area = AreaName.of(params.get("area"));
        Optional<Response> refused = refusedForm(request);
        if (refused.isPresent()) {
            return done(refused.get());
        }
        Map<String, List<String>> form = request.form();
        Username name = Username.of(Request.first(form, "name").orElse(""));
        return sessions.resume(request).thenCompose(found -> {
            boolean vouched = Csrf.provenSameOrigin(request)
                    || found.map(session -> Csrf.tokenMatches(session, Request.first(form, Csrf.FIELD))).orElse(false);
            if (!vouched) {
                return done(outOfDate());
            }
            return sessions.resumedOrStarted(found, request)
                    .thenCompose(visitor -> app.join(visitor.session(), area, name)
                            .thenApply(joined -> Response.redirect(areaPath(area)))
                            .exceptionally(error -> Failures.of(error, Response.Body.Form.PAGE))
                            .thenApply(response -> visitor.answer(response, sessions)))
                    .exceptionally(error -> Failures.of(error, Response.Body.Form.PAGE));
        });
    }

    /** {@code POST /a/{area}/vote}: vote for a listed place ({@code venue}) or one typed in ({@code custom}). */
    CompletionStage<Response> vote(Request request, Map<String, String> params) {
        return formPost(request, params, (session, form) -> {
            AreaName area = AreaName.of(params.get("area"));
            return vote(session, area, form)
                    .thenApply(vote -> {
                        metrics.vote();
                        return vote;
                    });
        });
    }

    /** {@code POST /a/{area}/retract}: take your vote back. */
    CompletionStage<Response> retract(Request request, Map<String, String> params) {
        return formPost(request, params, (session, form) -> app.retract(session, AreaName.of(params.get("area"))));
    }

    /** {@code POST /a/{area}/leave}: leave the area and free your name. */
    CompletionStage<Response> leave(Request request, Map<String, String> params) {
        return formPost(request, params, (session, form) -> app.leave(session, AreaName.of(params.get("area"))));
    }

    /** {@code POST /a/{area}/decide}: closes the round now; refused ({@code nothing-to-decide}) without votes. */
    CompletionStage<Response> decide(Request request, Map<String, String> params) {
        return formPost(request, params, (session, form) -> app.decide(session, AreaName.of(params.get("area"))));
    }

    /**
     * {@code POST /a/{area}/deadline}: {@code clear} clears the round's deadline; else {@code inMinutes}
     * sets it that many minutes from now; else {@code at}, a time of day ("12:15"), sets it at that
     * time today in UTC (the page says so next to the field: the server cannot know the reader's zone).
     */
    CompletionStage<Response> deadline(Request request, Map<String, String> params) {
        return formPost(request, params, (session, form) -> {
            AreaName area = AreaName.of(params.get("area"));
            if (Request.first(form, "clear").isPresent()) {
                return app.setDeadline(session, area, null);
            }
            Optional<String> minutes = Request.first(form, "inMinutes").map(String::strip).filter(m -> !m.isEmpty());
            if (minutes.isPresent()) {
                return app.setDeadlineIn(session, area, Duration.ofMinutes(minutes(minutes.get())));
            }
            Optional<String> at = Request.first(form, "at").map(String::strip).filter(t -> !t.isEmpty());
            if (at.isEmpty()) {
                throw new InvalidInputException("at", "Please say when: a time such as 12:15 (UTC), or a number of minutes.");
            }
            return app.setDeadline(session, area, todayAt(at.get(), settings.clock().now()));
        });
    }

    /** {@code POST /a/{area}/break-tie}: the server draws one of the latest decision's tied places. */
    CompletionStage<Response> breakTie(Request request, Map<String, String> params) {
        return formPost(request, params, (session, form) -> app.breakTie(session, AreaName.of(params.get("area"))));
    }

    /** The deadline form's minutes: a whole number from 1 to a day's. */
    private static long minutes(String typed) {
        if (typed.matches("[0-9]{1,4}")) {
            long minutes = Long.parseLong(typed);
            if (minutes >= 1 && minutes <= DeadlinePick.MAX_MINUTES) {
                return minutes;
            }
        }
        throw new InvalidInputException("inMinutes",
                "The minutes must be a whole number from 1 to " + DeadlinePick.MAX_MINUTES + ".");
    }

    /**
     * The deadline form's time of day ("12:15", "9:05", "12:15:00" as a time field may send it), today
     * in UTC. A time that has passed today is refused rather than taken as tomorrow's: at lunch, a time
     * just gone is a slip, not a plan for the next day.
     */
    static Instant todayAt(String typed, Instant now) {
        Matcher time = TIME_OF_DAY.matcher(typed);
        LocalTime at;
        try {
            if (!time.matches()) {
                throw new DateTimeException(typed);
            }
            at = LocalTime.of(Integer.parseInt(time.group(1)), Integer.parseInt(time.group(2)));
        } catch (DateTimeException e) {
            throw new InvalidInputException("at", "The time must be a time of day such as 12:15 (UTC).");
        }
        Instant deadline = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(at).toInstant(ZoneOffset.UTC);
        if (!deadline.isAfter(now)) {
            throw new InvalidInputException("at", String.format("%02d:%02d UTC has passed already today. "
                    + "Please pick a later time, or a number of minutes.", at.getHour(), at.getMinute()));
        }
        return deadline;
    }

    /**
     * Runs a form's action for the request's session, after the checks against forgery, and
     * sends the browser back to the area page.
     */
    private CompletionStage<Response> formPost(Request request, Map<String, String> params,
            BiFunction<SessionId, Map<String, List<String>>, CompletionStage<?>> action) {
        AreaName area = AreaName.of(params.get("area"));
        Optional<Response> refused = refusedForm(request);
        if (refused.isPresent()) {
            return done(refused.get());
        }
        Map<String, List<String>> form = request.form();
        return sessions.resume(request).thenCompose(found -> {
            if (found.isEmpty() || !Csrf.tokenMatches(found.get(), Request.first(form, Csrf.FIELD))) {
                return done(outOfDate());
            }
            // Resuming extended the session, so the cookie is renewed with the answer, refusals included.
            CompletionStage<?> done;
            try {
                done = action.apply(found.get(), form);
            } catch (RuntimeException invalid) {
                done = CompletableFuture.failedFuture(invalid);
            }
            return done
                    .thenApply(ignored -> Response.redirect(areaPath(area)))
                    .exceptionally(error -> Failures.of(error, Response.Body.Form.PAGE))
                    .thenApply(response -> response.withCookie(sessions.cookieFor(found.get())));
        });
    }

    /** Why a form post is refused before anything else: another site's, or not a form. */
    private static Optional<Response> refusedForm(Request request) {
        if (!Csrf.sameOrigin(request)) {
            return Optional.of(Failures.forbidden("This form was sent from another site, so it was refused.",
                    Response.Body.Form.PAGE));
        }
        if (!request.hasContentType("application/x-www-form-urlencoded")) {
            return Optional.of(Response.error(415, Failures.UNSUPPORTED_MEDIA_TYPE,
                    "Please send the form as application/x-www-form-urlencoded.", Response.Body.Form.PAGE));
        }
        return Optional.empty();
    }

    private static Response outOfDate() {
        return Failures.forbidden("Your session has expired or this form is out of date. Please reload the page and try again.",
                Response.Body.Form.PAGE);
    }

    /** A vote for a typed-in place, or for a listed one by its id alone, so a form cannot rename a place. */
    private CompletionStage<Vote> vote(SessionId session, AreaName area, Map<String, List<String>> form) {
        Optional<String> custom = Request.first(form, "custom");
        if (custom.isPresent()) {
            return app.vote(session, area, Venue.custom(custom.get()));
        }
        Optional<String> id = Request.first(form, "venue");
        if (id.isEmpty()) {
            throw new InvalidInputException("venue", "Please pick a place from the list or type one in.");
        }
        return app.vote(session, area, VenueId.of(id.get()));
    }

    private static VenueQuery listing(Optional<String> search) {
        return new VenueQuery(null, search.orElse(null), VenueQuery.DEFAULT_LIMIT);
    }

    static String areaPath(AreaName area) {
        return "/a/" + area.value();
    }

    private static Map<String, Object> homeModel(String typed, String error) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "Where to Eat");
        model.put("typed", typed);
        model.put("suggestion", suggestedAreaName());
        if (error != null) {
            model.put("error", error);
        }
        return model;
    }

    /**
     * A fresh area name nobody can guess (60 random bits), for a group that wants its own area:
     * anyone with the link can take part, so an area is only as private as its name.
     */
    static String suggestedAreaName() {
        StringBuilder name = new StringBuilder("lunch-");
        for (int i = 0; i < 12; i++) {
            name.append(NAME_ALPHABET.charAt(RANDOM.nextInt(NAME_ALPHABET.length())));
        }
        return name.toString();
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
