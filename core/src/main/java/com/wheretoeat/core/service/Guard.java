package com.wheretoeat.core.service;

import com.wheretoeat.core.error.UnavailableException;
import com.wheretoeat.core.error.WhereToEatException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Calls a driven port so that whatever it does, the caller gets an answer within the timeout:
 * the port's value, an expected {@link WhereToEatException}, or {@code unavailable} for any
 * other failure, a synchronous throw or no answer in time.
 */
final class Guard {
    private static final System.Logger LOG = System.getLogger(Guard.class.getName());

    /** Said when storage did not answer in time: the caller cannot know whether the change was made. */
    static final String MAY_HAVE_HAPPENED = "It may have gone through already; sending it again is safe.";

    private final Duration timeout;

    Guard(Duration timeout) {
        this.timeout = timeout;
    }

    /** Runs {@code call}; {@code failure} is the sentence a person reads when it fails unexpectedly. */
    <T> CompletableFuture<T> call(String failure, Supplier<? extends CompletionStage<T>> call) {
        return call(failure, call, late -> {});
    }

    /**
     * Like {@link #call(String, Supplier)}; a value that arrives after the caller was told
     * {@code unavailable} goes to {@code discard}, so what it holds (a subscription) is released.
     */
    <T> CompletableFuture<T> call(String failure, Supplier<? extends CompletionStage<T>> call, Consumer<T> discard) {
        CompletableFuture<T> source = new CompletableFuture<>();
        try {
            call.get().whenComplete((value, error) -> {
                if (error != null) {
                    source.completeExceptionally(error);
                } else if (!source.complete(value)) {
                    discard.accept(value);
                }
            });
        } catch (RuntimeException e) {
            source.completeExceptionally(e);
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        source.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((value, error) -> {
            if (error == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(translate(error, failure));
            }
        });
        return answer;
    }

    private static WhereToEatException translate(Throwable error, String failure) {
        Throwable cause = unwrap(error);
        if (cause instanceof WhereToEatException expected) {
            return expected;
        }
        // An outage fails every call: one line each, the stack trace only for those who ask.
        if (cause instanceof TimeoutException) {
            LOG.log(Level.WARNING, "Storage did not answer in time: " + failure);
            // The change may have been made all the same; every request is safe to send again.
            return new UnavailableException(failure + " " + MAY_HAVE_HAPPENED, cause);
        } else {
            LOG.log(Level.WARNING, "Storage failed (" + cause + "): " + failure);
            LOG.log(Level.DEBUG, "Storage failure", cause);
        }
        return new UnavailableException(failure, cause);
    }

    /** The failure inside the wrappers a stage adds ({@code CompletionException}, {@code ExecutionException}). */
    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
