package com.wheretoeat.core.contract;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for asynchronous answers in tests, always with a time limit and a clear failure. */
public final class Await {
    public static final Duration DEFAULT = Duration.ofSeconds(5);

    private Await() {}

    /**
     * The stage's value. A stage that failed rethrows its cause as it is (so
     * {@code assertThatThrownBy} sees the domain exception); one that does not answer fails the test.
     */
    public static <T> T result(CompletionStage<T> stage) {
        return result(stage, DEFAULT);
    }

    public static <T> T result(CompletionStage<T> stage, Duration limit) {
        try {
            return stage.toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError("The stage failed", cause);
        } catch (TimeoutException e) {
            throw new AssertionError("No answer within " + limit, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }

    /** Waits until {@code condition} holds, up to {@link #DEFAULT}; fails saying {@code what} did not happen. */
    public static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEFAULT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + DEFAULT + ": " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
