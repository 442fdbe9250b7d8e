package com.wheretoeat.http;

import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.error.WhereToEatException;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns failures into error responses with a stable code, an HTTP status and a sentence. The
 * core's codes keep their names; this adapter adds {@code not-found}, {@code method-not-allowed},
 * {@code forbidden}, {@code unsupported-media-type} and {@code internal}.
 */
final class Failures {
    static final String NOT_FOUND = "not-found";
    static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    static final String FORBIDDEN = "forbidden";
    static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    static final String INTERNAL = "internal";

    private static final System.Logger LOG = System.getLogger(Failures.class.getName());

    private Failures() {}

    /** The HTTP status of a core error code. */
    static int status(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST -> 400;
            // Not a question of who you are but of what you did first: join, then vote.
            case NOT_JOINED -> 409;
            case NAME_TAKEN -> 409;
            case UNAVAILABLE -> 503;
            case RATE_LIMITED -> 429;
            case TOO_LARGE -> 413;
            // The area is not in a state where this makes sense: vote first, or there is no tie.
            case NOTHING_TO_DECIDE, NO_TIE -> 409;
        };
    }

    static Response of(Throwable error, Response.Body.Form form) {
        Throwable cause = unwrap(error);
        if (cause instanceof WhereToEatException expected) {
            return Response.error(status(expected.code()), expected.code().code(), expected.getMessage(), form);
        }
        LOG.log(Level.ERROR, "Unexpected failure while answering a request", cause);
        return Response.error(500, INTERNAL, "Something went wrong on our side. Please try again.", form);
    }

    static Response notFound(Response.Body.Form form) {
        return Response.error(404, NOT_FOUND, "There is nothing at this address.", form);
    }

    static Response forbidden(String message, Response.Body.Form form) {
        return Response.error(403, FORBIDDEN, message, form);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
